/** Public: the API description is not tenant data and tools fetch it without a key. */
import { json } from "@/lib/api/respond";
import { requestIdFor } from "@/lib/api/request-id";
import { openApiDocument } from "@/lib/openapi/document";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// GET /api/v1/openapi.json — the OpenAPI 3.1 document, generated from the zod schemas
export async function GET(req: Request) {
  return json(openApiDocument(), 200, { "X-Request-Id": requestIdFor(req), "cache-control": "public, max-age=300" });
}

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
