// Request-time work that must happen before routing: on /api/v1/*, a method the path does not
// support gets the error table's JSON 405 (Next's own answer has no body), with Allow listing what
// the path accepts.
import { NextResponse, type NextRequest } from "next/server";
import { isMethodNotAllowed } from "@/lib/api/allowed-methods";
import { ApiError } from "@/lib/api/errors";
import { uuidv7 } from "@/lib/ids";

export function proxy(request: NextRequest) {
  const allowed = isMethodNotAllowed(request.method, request.nextUrl.pathname);
  if (!allowed) return NextResponse.next();
  return NextResponse.json(new ApiError("method_not_allowed").body(), {
    status: 405,
    headers: { Allow: allowed.join(", "), "X-Request-Id": uuidv7(), "cache-control": "no-store" },
  });
}

export const config = { matcher: ["/api/v1/:path*"] };
