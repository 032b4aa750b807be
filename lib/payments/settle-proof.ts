// The final transitions of a proof (SPEC §6) and their events, each in one transaction with its
// event. Used by the verification loop and by simulate_payment, so a simulated payment walks the
// exact same path as a real one.
//
// Guarded by a conditional update: the proof must still be pending and, for the loop, still
// leased to the caller's claim token. A worker whose lease expired (another worker re-claimed the
// proof) therefore changes nothing and emits nothing: exactly one payment.proof_verified.
import { type Tx } from "@/lib/db";
import { queueReceiptEmail } from "@/lib/email/queue-receipt-email";
import { emitEvent } from "@/lib/events/emit-event";
import type { PaymentRequest, Proof } from "@/lib/generated/prisma/client";
import { issueReceipt, webhookReceiptOf } from "@/lib/receipts/issue-receipt";
import type { WebhookReceipt } from "@/lib/schemas/receipt";
import { refundsOf } from "@/lib/refunds/list-refunds";
import { serializeRequest } from "@/lib/requests/serialize-request";
import { lockRequest } from "./attach-proof";
import type { CreditedTransfer, RejectionReason } from "./verify-transfer";

export interface BlockFacts {
  blockNumber: bigint;
  blockHash: string;
  blockTime: Date;
  confirmations: number;
}

/** The verifier's reasons, plus `not_found`: no receipt for a day while the RPC answered. */
export type ProofRejectionReason = RejectionReason | "not_found";

export type FinalVerdict =
  | {
      kind: "verified";
      receivedMicro: bigint;
      overpaidMicro: bigint;
      late: boolean;
      block: BlockFacts | null;
      /** The Transfer logs credited (./verify-transfer creditedTransfers), named by the receipt; none when simulated. */
      transfers?: readonly CreditedTransfer[];
    }
  | { kind: "rejected"; reason: ProofRejectionReason; receivedMicro: bigint; block: BlockFacts | null };

export interface SettleResult {
  request: PaymentRequest;
  proof: Proof;
}

/**
 * Applies a final verdict. Returns null (and changes nothing) when the proof is no longer
 * pending or no longer leased to `leaseToken`.
 */
export async function settleProof(
  tx: Tx,
  proof: Pick<Proof, "id" | "requestId">,
  verdict: FinalVerdict,
  leaseToken: string | null,
): Promise<SettleResult | null> {
  // Lock order request → proof everywhere (attach, expiry and here) so these never deadlock.
  const request = await lockRequest(tx, proof.requestId, null);
  if (!request) return null;
  const now = new Date();
  const guard = { id: proof.id, outcome: "pending" as const, ...(leaseToken ? { leaseOwner: leaseToken } : {}) };
  const block = verdict.block
    ? { blockNumber: verdict.block.blockNumber, blockHash: verdict.block.blockHash, blockTime: verdict.block.blockTime, confirmations: verdict.block.confirmations }
    : {};
  const release = { leaseOwner: null, leaseUntil: null, lastError: null };

  if (verdict.kind === "verified" && request.proofStatus !== "verified") {
    const { count } = await tx.proof.updateMany({
      where: guard,
      data: {
        ...release,
        ...block,
        outcome: "verified",
        verifiedAt: now,
        receivedMicro: verdict.receivedMicro,
        overpaidMicro: verdict.overpaidMicro,
        late: verdict.late,
        // A verdict without a block is a simulation (simulate_payment): no chain can reorg it.
        // A real payment is final once ./check-finality sees its block finalised.
        finalizedAt: verdict.block ? null : now,
      },
    });
    if (count === 0) return null;
    // Other pending proofs of this request are moot now; free their hashes.
    await tx.proof.updateMany({
      where: { requestId: request.id, outcome: "pending", id: { not: proof.id } },
      data: { ...release, outcome: "rejected", rejectionReason: "superseded", activeTxHash: null, rejectedAt: now },
    });
    const done = await tx.proof.findUniqueOrThrow({ where: { id: proof.id } });
    const updated = await tx.paymentRequest.update({
      where: { id: request.id },
      data: { proofStatus: "verified", txHash: done.txHash, proofVerifiedAt: now, late: verdict.late },
    });
    // The signed receipt commits with the verification it attests (lib/receipts/issue-receipt.ts).
    const receipt = await issueReceipt(tx, updated, done, verdict.transfers);
    await emit(tx, updated, done, "payment.proof_verified", webhookReceiptOf(receipt, done.finalizedAt));
    // The customer's receipt email, owed iff this verification commits (sent by the worker).
    await queueReceiptEmail(tx, updated);
    return { request: updated, proof: done };
  }

  // A rejection — or a second valid payment for a request that is already paid: recorded on the
  // proof, but the request stays verified and no event claims otherwise.
  const reason = verdict.kind === "rejected" ? verdict.reason : "superseded";
  const { count } = await tx.proof.updateMany({
    where: guard,
    data: {
      ...release,
      ...block,
      outcome: "rejected",
      rejectionReason: reason,
      activeTxHash: null,
      receivedMicro: verdict.receivedMicro,
      rejectedAt: now,
    },
  });
  if (count === 0) return null;
  const done = await tx.proof.findUniqueOrThrow({ where: { id: proof.id } });
  if (request.proofStatus === "verified") return { request, proof: done };

  // seeds/SPEC §6: a rejected proof returns the request to `none` — unless another proof is
  // still pending, which then becomes the request's tx_hash.
  const other = await tx.proof.findFirst({
    where: { requestId: request.id, outcome: "pending" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const updated = await tx.paymentRequest.update({
    where: { id: request.id },
    data: other ? { proofStatus: "attached", txHash: other.txHash } : { proofStatus: "none", txHash: null },
  });
  await emit(tx, updated, done, "payment.proof_rejected");
  return { request: updated, proof: done };
}

async function emit(tx: Tx, request: PaymentRequest, proof: Proof, type: "payment.proof_verified" | "payment.proof_rejected", receipt?: WebhookReceipt) {
  return emitEvent(tx, {
    partnerId: request.partnerId,
    testMode: request.testMode,
    type,
    // A payment reversed and verified again keeps the refunds made meanwhile.
    data: serializeRequest(request, proof, await refundsOf(request.id, tx)),
    requestId: request.id,
    merchantId: request.merchantId,
    receipt,
  });
}
