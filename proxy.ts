// Request-time facts the pay page's root layout cannot see by itself (a layout gets no
// searchParams): the negotiated locale (`?lang=` then Accept-Language) for <html lang>, and the
// HTTP method (a HEAD probe must not mark a request opened). Only /pay/* passes through here.
import { NextResponse, type NextRequest } from "next/server";
import { LOCALE_HEADER, negotiateLocale } from "@/lib/i18n/locales";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  // Always overwritten: a client-sent value must never reach the page.
  headers.set(LOCALE_HEADER, negotiateLocale(request.nextUrl.searchParams.get("lang"), request.headers.get("accept-language")));
  // Read by app/(pay)/pay/[id]/page.tsx.
  headers.set("x-jopay-method", request.method);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/pay/:path*"] };
