// Request-time work that must happen before routing:
// - /pay/*: facts the pay page's root layout cannot see by itself (a layout gets no
//   searchParams): the negotiated locale (`?lang=` then Accept-Language) for <html lang>, and the
//   HTTP method (a HEAD probe must not mark a request opened).
// - /api/v1/*: a method the path does not support gets the error table's JSON 405 (Next's own
//   answer has no body), with Allow listing what the path accepts.
import { NextResponse, type NextRequest } from "next/server";
import { isMethodNotAllowed } from "@/lib/api/allowed-methods";
import { ApiError } from "@/lib/api/errors";
import { uuidv7 } from "@/lib/ids";
import { LOCALE_HEADER, negotiateLocale } from "@/lib/i18n/locales";

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/v1/")) {
    const allowed = isMethodNotAllowed(request.method, pathname);
    if (!allowed) return NextResponse.next();
    return NextResponse.json(new ApiError("method_not_allowed").body(), {
      status: 405,
      headers: { Allow: allowed.join(", "), "X-Request-Id": uuidv7(), "cache-control": "no-store" },
    });
  }
  const headers = new Headers(request.headers);
  // Always overwritten: a client-sent value must never reach the page.
  headers.set(LOCALE_HEADER, negotiateLocale(request.nextUrl.searchParams.get("lang"), request.headers.get("accept-language")));
  // Read by app/(pay)/pay/[id]/page.tsx.
  headers.set("x-jopay-method", request.method);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/pay/:path*", "/api/v1/:path*"] };
