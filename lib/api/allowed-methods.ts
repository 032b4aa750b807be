// Which methods an /api path accepts, from the OpenAPI operations (the one list of routes) and the
// few non-API routes below, and
// the handler a route file exports for every other method. Next answers a method a route file does
// not export with a bare 405 (no body, no Allow); API clients get the error table's JSON instead
// (SPEC §4: 405 method_not_allowed). Not a proxy (middleware): that would run on every API request
// and cost a large share of the API's throughput (bench:api), for a rare wrong method.
import { requestIdFor } from "./request-id";
import { operations } from "@/lib/api/operations";
import { ApiError } from "@/lib/errors";
import { errorResponse } from "./respond";

/** Routes under /api that are not partner API operations (not in the OpenAPI document). */
export const NON_API_ROUTES = [
  { method: "get", path: "/api/pay/{id}" },
  { method: "post", path: "/api/pay/{id}/proof" },
  { method: "get", path: "/api/health" },
  { method: "get", path: "/api/health/live" },
  { method: "get", path: "/api/health/ready" },
  { method: "get", path: "/api/metrics" },
  { method: "get", path: "/api/merchant/export" },
] as const;

const templates = [...operations, ...NON_API_ROUTES].map((op) => ({
  method: op.method.toUpperCase(),
  path: op.path,
  re: new RegExp(`^${op.path.replace(/\{[^/]+\}/g, "[^/]+")}/?$`),
  // As in Next's router, a static segment beats a dynamic one (/requests/create is not /requests/{id}).
  staticSegments: op.path.split("/").filter((s) => s && !s.startsWith("{")).length,
}));

/** The methods the path supports (plus HEAD/OPTIONS handled by Next), or null for an unknown path. */
export function allowedMethods(pathname: string): string[] | null {
  const matches = templates.filter((t) => t.re.test(pathname));
  if (matches.length === 0) return null;
  const best = Math.max(...matches.map((t) => t.staticSegments));
  return [...new Set(matches.filter((t) => t.staticSegments === best).map((t) => t.method))];
}

/** Marks methodNotAllowed, so a walk over route exports can tell it from an operation. */
export const NOT_AN_OPERATION = Symbol.for("jopay.methodNotAllowed");

/**
 * Exported by a route file under each method it does not serve:
 * `export const GET = methodNotAllowed, PUT = methodNotAllowed, …;` (test/api/errors.test.ts checks
 * every route file answers every other method this way).
 */
export const methodNotAllowed = Object.assign(
  async (req: Request): Promise<Response> =>
    errorResponse(new ApiError("method_not_allowed"), {
      Allow: (allowedMethods(new URL(req.url).pathname) ?? []).join(", "),
      "X-Request-Id": requestIdFor(req),
    }),
  { [NOT_AN_OPERATION]: true as const },
);

/**
 * OPTIONS, exported next to methodNotAllowed: Next's automatic OPTIONS lists every exported method,
 * which would now include the ones that only answer 405.
 */
export async function allowOptions(req: Request): Promise<Response> {
  const allowed = allowedMethods(new URL(req.url).pathname) ?? [];
  const all = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
  return new Response(null, { status: 204, headers: { Allow: all.join(", "), "X-Request-Id": requestIdFor(req) } });
}

export const isOperation = (handler: unknown): boolean =>
  typeof handler === "function" && !(NOT_AN_OPERATION in handler);
