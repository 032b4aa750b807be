// A verified payment that a reorg removed before its block was final (SPEC §6 "Finality"): the
// request leaves `verified`, its proof goes back to pending — the hash stays reserved to this
// request, so if the same tx is mined again verification simply verifies it again — and
// `payment.reversed` tells the partner, with an audit entry, all in one transaction.
import { recordAudit, SYSTEM_ACTOR } from "@/lib/audit/record";
import type { Tx } from "@/lib/db";
import { emitEvent } from "@/lib/events/emit-event";
import type { PaymentRequest, Proof } from "@/lib/generated/prisma/client";
import { webhookReceiptOf } from "@/lib/receipts/issue-receipt";
import { reverseReceipt } from "@/lib/receipts/reverse-receipt";
import { refundsOf } from "@/lib/refunds/list-refunds";
import { serializeRequest } from "@/lib/requests/serialize-request";
import { lockRequest } from "./attach-proof";

/** Why the payment no longer stands, for the audit log. */
export type ReversalCause = "receipt_gone" | "block_replaced";

/** Null (and nothing changed) when the proof is no longer a verified, unfinalised one leased to `leaseToken`. */
export async function reversePayment(
  tx: Tx,
  proof: Pick<Proof, "id" | "requestId">,
  cause: ReversalCause,
  leaseToken: string,
): Promise<{ request: PaymentRequest; proof: Proof } | null> {
  // Lock order request → proof, as everywhere.
  const request = await lockRequest(tx, proof.requestId, null);
  if (!request) return null;
  const before = await tx.proof.findUnique({ where: { id: proof.id } });
  const now = new Date();
  const { count } = await tx.proof.updateMany({
    where: { id: proof.id, outcome: "verified", finalizedAt: null, leaseOwner: leaseToken },
    data: {
      outcome: "pending",
      verifiedAt: null,
      reversedAt: now,
      blockNumber: null,
      blockHash: null,
      blockTime: null,
      confirmations: null,
      receivedMicro: null,
      overpaidMicro: null,
      late: false,
      checkAttempts: 0,
      nextCheckAt: now,
      leaseOwner: null,
      leaseUntil: null,
      lastError: null,
    },
  });
  if (count === 0 || !before) return null;
  const done = await tx.proof.findUniqueOrThrow({ where: { id: proof.id } });
  const updated =
    request.proofStatus === "verified" && request.txHash === done.txHash
      ? await tx.paymentRequest.update({ where: { id: request.id }, data: { proofStatus: "attached", proofVerifiedAt: null, late: false } })
      : request;
  // The receipt stays as signed; its status says reversed from now on (lib/receipts/reverse-receipt.ts).
  const receipt = await reverseReceipt(tx, done.id, now);
  await emitEvent(tx, {
    partnerId: updated.partnerId,
    testMode: updated.testMode,
    type: "payment.reversed",
    data: serializeRequest(updated, done, await refundsOf(updated.id, tx)),
    requestId: updated.id,
    merchantId: updated.merchantId,
    ...(receipt ? { receipt: webhookReceiptOf(receipt, null) } : {}),
  });
  await recordAudit(tx, {
    actor: SYSTEM_ACTOR,
    action: "payment.reversed",
    partnerId: updated.partnerId,
    targetType: "request",
    targetId: updated.id,
    before: { proof_status: request.proofStatus, tx_hash: before.txHash, block_number: before.blockNumber, block_hash: before.blockHash },
    after: { proof_status: updated.proofStatus, cause },
  });
  return { request: updated, proof: done };
}
