import type { PaymentRequest, Proof, Refund } from "@/lib/generated/prisma/client";
import { serializeRefund } from "@/lib/refunds/serialize-refund";
import { requestOutput, type RequestOutput } from "@/lib/schemas/request";
import { receiptUrl } from "@/lib/receipts/receipt-url";
import { payPageUrl } from "@/lib/urls";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const micro = (v: bigint | null) => (v === null ? null : v.toString());

/**
 * The seed's request object. `proof` is the latest proof, if any; `refunds` the request's refunds,
 * oldest first (callers load both: lists in one query each, lib/requests/get-request.ts).
 */
export function serializeRequest(r: PaymentRequest, proof: Proof | null = null, refunds: readonly Refund[] = []): RequestOutput {
  return requestOutput.parse(requestObject(r, proof, refunds));
}

/**
 * serializeRequest without the schema check, for the Partner API's answers, which withApiKey checks
 * whole against the operation's response schema (lib/api/with-api-key.ts): checking each request
 * too parsed a list page twice, the largest share of its CPU that was ours (bench:api). Built field
 * by field as the schema's type, so no column can leak either way.
 */
export function requestObject(r: PaymentRequest, proof: Proof | null = null, refunds: readonly Refund[] = []): RequestOutput {
  return {
    request_id: r.id,
    status: r.status,
    proof_status: r.proofStatus,
    pay_page_url: payPageUrl(r.id),
    expires_at: r.expiresAt.toISOString(),
    created_at: r.createdAt.toISOString(),
    proof_verified_at: iso(r.proofVerifiedAt),
    tx_hash: r.txHash,
    amount: { fiat_int: r.fiatAmountInt, fiat_code: r.fiatCode, usdc_micro: r.usdcMicro.toString() },
    merchant_id: r.merchantId,
    metadata: (r.metadata ?? {}) as Record<string, string>,
    test_mode: r.testMode,
    payment_mode: r.paymentMode,
    memo: r.memo,
    customer_name: r.customerName,
    customer_email: r.customerEmail,
    customer_phone: r.customerPhone,
    late: r.late,
    chain: { chain_id: r.chainId, usdc_contract: r.usdcContract, receiving_wallet: r.receivingWallet },
    fx: { usd_per_unit: r.fxRate.toString(), source: r.fxSource, as_of: r.fxRateAt.toISOString() },
    proof: proof
      ? {
          tx_hash: proof.txHash,
          chain_id: proof.chainId,
          status: proof.outcome,
          rejection_reason: proof.rejectionReason,
          confirmations: proof.confirmations,
          expected_usdc_micro: proof.expectedMicro.toString(),
          received_usdc_micro: micro(proof.receivedMicro),
          overpaid_usdc_micro: micro(proof.overpaidMicro),
          late: proof.late,
          simulated: proof.simulated,
          created_at: proof.createdAt.toISOString(),
          finalized_at: iso(proof.finalizedAt),
        }
      : null,
    // A proof that verified has a receipt (settleProof issues it), reversed or not.
    receipt_url: proof && (proof.outcome === "verified" || proof.reversedAt !== null) ? receiptUrl(r.id) : null,
    refunds: refunds.map(serializeRefund),
  };
}
