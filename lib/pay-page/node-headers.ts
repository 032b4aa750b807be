// The Node request's headers as a Fetch `Headers`, the shape the shared helpers read
// (client IP, view signals). Repeated headers are joined as HTTP allows.
import type { IncomingHttpHeaders } from "node:http";

export function fetchHeaders(raw: IncomingHttpHeaders): Headers {
  const h = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    h.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return h;
}
