/** Tenant + mode: cancelRequest looks up and updates only within tenantWhere(). */
import { withApiKey } from "@/lib/api/with-api-key";
import { requestOperations } from "@/lib/api/operations/requests";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { presentRequest } from "@/lib/requests/get-request";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// POST /api/v1/requests/:id/cancel — void a request still requested with no proof
export const POST = withApiKey(requestOperations.cancelRequest, async ({ ctx, params }) => presentRequest(await cancelRequest(ctx, params.id)));

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const GET = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
