// Issues the signed receipt of a verified payment. Called by settleProof's verified branch — the
// one place a payment becomes verified, real or simulated — with its transaction client, so the
// receipt row and the verification commit together or not at all; and written once, so a later
// key rotation never changes a receipt already issued.
import type { Tx } from "@/lib/db";
import type { PaymentReceipt, PaymentRequest, Proof } from "@/lib/generated/prisma/client";
import { uuidv7 } from "@/lib/ids";
import type { CreditedTransfer } from "@/lib/payments/verify-transfer";
import { receiptClaims, RECEIPT_JWS_TYP, type ReceiptClaims, type WebhookReceipt } from "@/lib/schemas/receipt";
import { appUrl } from "@/lib/urls";
import { signCompactJws } from "./jws";
import { receiptUrl } from "./receipt-url";
import { receiptKeys } from "./signing-keys";

/** The claims of the receipt for `proof`, just verified for `request`. */
export function buildReceiptClaims(
  receiptId: string,
  request: PaymentRequest,
  proof: Proof,
  transfers: readonly CreditedTransfer[],
  issuedAt: Date,
): ReceiptClaims {
  if (proof.outcome !== "verified" || proof.receivedMicro === null || !proof.verifiedAt) throw new Error("a receipt is issued for a verified proof only");
  const first = transfers[0];
  return receiptClaims.parse({
    iss: appUrl(""),
    sub: request.id,
    jti: receiptId,
    iat: Math.floor(issuedAt.getTime() / 1000),
    receipt_id: receiptId,
    request_id: request.id,
    merchant_id: request.merchantId,
    mode: request.testMode ? "test" : "live",
    simulated: proof.simulated,
    amount: { fiat_int: request.fiatAmountInt, fiat_code: request.fiatCode },
    expected_usdc_micro: proof.expectedMicro.toString(),
    received_usdc_micro: proof.receivedMicro.toString(),
    chain_id: proof.chainId,
    token_contract: request.usdcContract,
    tx_hash: proof.txHash,
    log_index: first?.logIndex ?? null,
    block_number: proof.blockNumber === null ? null : proof.blockNumber.toString(),
    block_hash: proof.blockHash,
    block_time: proof.blockTime ? proof.blockTime.toISOString() : null,
    payer: first?.from ?? null,
    recipient: request.receivingWallet,
    transfers: transfers.map((t) => ({ log_index: t.logIndex, from: t.from, usdc_micro: t.valueMicro.toString() })),
    late: proof.late,
    verified_at: proof.verifiedAt.toISOString(),
  });
}

/**
 * Signs and stores the receipt of a payment settleProof has just verified (same `tx`). `transfers`:
 * the Transfer logs the verifier credited (none for a simulated payment).
 */
export async function issueReceipt(tx: Tx, request: PaymentRequest, proof: Proof, transfers: readonly CreditedTransfer[] = []): Promise<PaymentReceipt> {
  const { active } = receiptKeys();
  const id = uuidv7();
  const issuedAt = proof.verifiedAt ?? new Date();
  const claims = buildReceiptClaims(id, request, proof, transfers, issuedAt);
  const jws = signCompactJws({ alg: "EdDSA", kid: active.kid, typ: RECEIPT_JWS_TYP }, claims, active.privateKey);
  return tx.paymentReceipt.create({ data: { id, requestId: request.id, proofId: proof.id, kid: active.kid, jws, issuedAt } });
}

/** The receipt as a webhook carries it, beside the request object. */
export function webhookReceiptOf(receipt: PaymentReceipt, finalizedAt: Date | null): WebhookReceipt {
  return {
    receipt_id: receipt.id,
    url: receiptUrl(receipt.requestId),
    status: receiptStatusOf(receipt, finalizedAt),
    kid: receipt.kid,
    jws: receipt.jws,
  };
}

/** reversed once a reorg removed the payment; final once its block is; verified until then. */
export function receiptStatusOf(receipt: Pick<PaymentReceipt, "reversedAt">, finalizedAt: Date | null): WebhookReceipt["status"] {
  if (receipt.reversedAt) return "reversed";
  return finalizedAt ? "final" : "verified";
}
