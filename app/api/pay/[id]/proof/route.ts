// POST /api/pay/:id/proof — the customer attaches the hash of their payment
/**
 * Public: no key. Anyone holding the pay link can offer a tx hash for it (the customer who paid);
 * a wrong hash can only fail verification. Rate-limited per IP. Answers with the pay page's public
 * status, never the partner's request object (no metadata, no customer details).
 */
import { withPublic } from "@/lib/api/with-public";
import { PAY_PROOF_LIMIT } from "@/lib/rate-limit/ip-limit";
import { attachProof } from "@/lib/payments/attach-proof";
import { serializePayStatus } from "@/lib/payments/pay-status";
import { attachProofInput } from "@/lib/schemas/proof";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

export const POST = withPublic({
  ...PAY_PROOF_LIMIT,
  body: attachProofInput,
  handler: async ({ body, params }) => {
    const { request, proof } = await attachProof({
      requestId: params.id,
      txHash: body.tx_hash,
      chainId: body.chain_id,
      source: "pay_page",
      scope: null,
    });
    return serializePayStatus(request, proof);
  },
});

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const GET = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
