// POST /api/v1/requests/:id/refunds — the partner asks for a refund of the request's verified payment
// GET  /api/v1/requests/:id/refunds — the request's refunds
/**
 * Tenant and mode: the request must belong to the key's partner and mode; anything else is the
 * same 404 as a missing id. A refund asked for here only waits for the merchant: money moves only
 * when the merchant's own wallet sends it (lib/refunds/).
 */
import { withApiKey } from "@/lib/api/with-api-key";
import { refundOperations } from "@/lib/api/operations/refunds";
import { createRefundOrReplay } from "@/lib/refunds/create-refund";
import { listRefunds } from "@/lib/refunds/list-refunds";
import { serializeRefund } from "@/lib/refunds/serialize-refund";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

export const POST = withApiKey(refundOperations.createRefundRequest, async ({ ctx, body, params }) => {
  const { refund, replay } = await createRefundOrReplay({
    requestId: params.id,
    amountMicro: body.amount_usdc_micro === undefined ? "remaining" : BigInt(body.amount_usdc_micro),
    reason: body.reason,
    toAddress: body.to_address,
    initiatedBy: "partner",
    scope: ctx,
    actor: { id: ctx.apiKeyId, email: null, role: "api_key" },
    idempotencyKey: body.idempotency_key,
  });
  if (!replay) return { status: 201, body: serializeRefund(refund) };
  return { status: 200, body: { ...serializeRefund(refund), idempotent_replay: true } };
});

export const GET = withApiKey(refundOperations.listRequestRefunds, async ({ ctx, params }) => ({
  refunds: (await listRefunds(ctx, params.id)).map(serializeRefund),
}));

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
