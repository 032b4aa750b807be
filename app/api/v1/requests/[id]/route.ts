/** Tenant + mode: getRequest goes through findRequestOrNotFound (other partner/mode = 404). */
import { withApiKey } from "@/lib/api/with-api-key";
import { requestOperations } from "@/lib/api/operations/requests";
import { getRequest, presentRequest } from "@/lib/requests/get-request";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// GET /api/v1/requests/:id — one request with its latest proof
export const GET = withApiKey(requestOperations.getRequest, async ({ ctx, params }) => presentRequest(await getRequest(ctx, params.id)));

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
