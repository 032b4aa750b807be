// GET /api/health/ready — readiness: database, each mode's chain RPC, worker heartbeats, FX
// freshness (lib/health/readiness.ts). 200 with every check; else 503 service_unavailable in the
// error table's shape, naming each failing check and why, with every check beside it.
// Public, like /api/health: the checks carry no URLs, hosts or worker names.
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";
import { ApiError } from "@/lib/errors";
import { errorResponse, json, toApiError } from "@/lib/api/respond";
import { notReadyReasons, readiness } from "@/lib/health/readiness";
import { requestIdFor } from "@/lib/api/request-id";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const headers = { "X-Request-Id": requestIdFor(req) };
  try {
    const r = await readiness();
    if (r.ready) return json({ ok: true, checks: r.checks }, 200, headers);
    return errorResponse(new ApiError("service_unavailable", `Not ready: ${notReadyReasons(r)}.`, { checks: r.checks }), headers);
  } catch (err) {
    return errorResponse(toApiError(err, headers["X-Request-Id"]), headers);
  }
}

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
