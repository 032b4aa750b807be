// POST /api/v1/requests/:id/proof — attach a transaction hash as the payment proof of a request
/**
 * Tenant and mode: the request must belong to the key's partner and mode; anything else is the
 * same 404 as a missing id. The tx hash itself is global: a hash that is another request's live
 * proof (any partner) is 409 proof_conflict, which discloses nothing but "already used".
 */
import { withApiKey } from "@/lib/api/with-api-key";
import { proofOperations } from "@/lib/api/operations/proofs";
import { attachProof } from "@/lib/payments/attach-proof";
import { refundsOf } from "@/lib/refunds/list-refunds";
import { serializeRequest } from "@/lib/requests/serialize-request";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

export const POST = withApiKey(proofOperations.attachProof, async ({ ctx, body, params }) => {
  const { request, proof } = await attachProof({
    requestId: params.id,
    txHash: body.tx_hash,
    chainId: body.chain_id,
    source: "partner_api",
    scope: ctx,
  });
  // An idempotent re-attach may answer a paid request: its refunds are part of it.
  return serializeRequest(request, proof, await refundsOf(request.id));
});

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const GET = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
