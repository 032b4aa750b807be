// POST /api/v1/requests/:id/refunds/:refund_id/simulate — test mode: settle a refund as verified without a chain
/**
 * Mode: test keys only (403 test_mode_only for a live key, before any lookup). Tenant: the refund
 * must be one of the key's partner's test-mode refunds of this very request, else the usual 404.
 */
import { withApiKey } from "@/lib/api/with-api-key";
import { refundOperations } from "@/lib/api/operations/refunds";
import { simulateRefund } from "@/lib/refunds/simulate-refund";
import { presentRequest } from "@/lib/requests/get-request";
import { getRequest } from "@/lib/requests/get-request";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

export const POST = withApiKey(refundOperations.simulateRefund, async ({ ctx, params }) => {
  const refund = await simulateRefund({ scope: ctx, requestId: params.id }, params.refund_id, { actor: { id: ctx.apiKeyId, email: null, role: "api_key" } });
  return presentRequest(await getRequest(ctx, refund.requestId));
});

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const GET = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
