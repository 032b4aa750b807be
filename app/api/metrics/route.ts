// GET /api/metrics — Prometheus text: this web process's own metrics (API latency, rate-limit
// refusals, its pool, Node) and the database-derived gauges (lib/metrics/render-metrics.ts).
/**
 * Security: only for `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time); a wrong or
 * missing token is 401. With METRICS_TOKEN unset the route does not exist: the catch-all's 404.
 */
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";
import { ApiError } from "@/lib/errors";
import { errorResponse, toApiError } from "@/lib/api/respond";
import { requestIdFor } from "@/lib/api/request-id";
import { metricsAccess } from "@/lib/metrics/metrics-token";
import { renderMetrics } from "@/lib/metrics/render-metrics";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const headers: Record<string, string> = { "X-Request-Id": requestIdFor(req) };
  const access = metricsAccess(req.headers.get("authorization"));
  if (access === "disabled") return errorResponse(new ApiError("not_found", "No such API path."), headers);
  if (access === "refused") {
    return errorResponse(new ApiError("unauthorized", "Send `Authorization: Bearer <METRICS_TOKEN>`."), { ...headers, "WWW-Authenticate": 'Bearer realm="metrics"' });
  }
  try {
    const m = await renderMetrics({ system: true });
    return new Response(m.body, { status: 200, headers: { ...headers, "content-type": m.contentType, "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(toApiError(err, headers["X-Request-Id"]), headers);
  }
}

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
