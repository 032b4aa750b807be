// GET /api/health/live — liveness: the process is up and answering. Touches no dependency, so an
// outage elsewhere never gets a healthy instance restarted; /api/health/ready says what is down.
// Public, like /api/health: it reveals nothing.
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";
import { json } from "@/lib/api/respond";
import { requestIdFor } from "@/lib/api/request-id";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return json({ ok: true }, 200, { "X-Request-Id": requestIdFor(req) });
}

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
