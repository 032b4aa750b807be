// GET /api/health — liveness and dependency state, for load balancers and the dev launcher.
// 503 only when this instance cannot serve (no database); a Redis outage is "degraded", not down:
// rate limits are then counted in PostgreSQL (lib/rate-limit/counters.ts) and every call still works.
// The finer probes: /api/health/live (process only) and /api/health/ready (every dependency).
import { errorTable } from "@/lib/errors";
import { rateLimitBackend } from "@/lib/rate-limit/counters";
import { json } from "@/lib/api/respond";
import { db } from "@/lib/db";
import { requestIdFor } from "@/lib/api/request-id";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const limiter = rateLimitBackend();
  const redis = limiter.store === "redis" ? { redis: limiter.status === "ok" ? "up" : "degraded" } : {};
  const headers = { "X-Request-Id": requestIdFor(req) };
  try {
    await db.$queryRaw`SELECT 1`;
    return json({ ok: true, database: "up", ...redis }, 200, headers);
  } catch {
    return json({ ok: false, database: "down", ...redis }, 503, { ...headers, "Retry-After": String(errorTable.service_unavailable.retryAfterSeconds) });
  }
}

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
