/**
 * Any /api path no route file claims (an unknown version too): a JSON 404 not_found in the API's own error shape
 * instead of Next's HTML page. Public: it reveals nothing but "no such path".
 */
import { ApiError } from "@/lib/errors";
import { errorResponse } from "@/lib/api/respond";
import { requestIdFor } from "@/lib/api/request-id";

const notFound = async (req: Request) => errorResponse(new ApiError("not_found", "No such API path."), { "X-Request-Id": requestIdFor(req) });

// ANY /api/<unknown> — 404 not_found
export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
