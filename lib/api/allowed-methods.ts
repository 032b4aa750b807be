// Which methods an /api/v1 path accepts, from the OpenAPI operations (the one list of routes).
// Next answers a method a route file does not export with a bare 405; the proxy uses this to give
// API clients the error table's JSON body instead (SPEC §4: 405 method_not_allowed).
import { operations } from "@/lib/openapi/paths";

const templates = operations.map((op) => ({
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

export function isMethodNotAllowed(method: string, pathname: string): string[] | null {
  if (method === "HEAD" || method === "OPTIONS") return null;
  const allowed = allowedMethods(pathname);
  return allowed && !allowed.includes(method) ? allowed : null;
}
