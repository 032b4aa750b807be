// The merchant's wallet sent the refund: its hash is attached and the refund checker
// (./check-refunds.ts) verifies it on chain. awaiting_transfer → submitted.
//
// A hash is the live proof of at most one refund (Refund @@unique([chainId, activeTxHash]) holds
// it under concurrency) and never a payment's own hash: a payment's transaction moves money to the
// merchant, so offering it as the refund could only be a mistake or an attempt to double count.
import { ApiError } from "@/lib/errors";
import { db } from "@/lib/db";
import { uniqueViolation } from "@/lib/db/unique-violation";
import type { Refund } from "@/lib/generated/prisma/client";
import { recordRefundAudit } from "./record-refund-audit";
import { lockOwnedRefund, merchantActor, type RefundActorInfo } from "./refund-owner";
import { refundWrongState } from "./refund-state-error";
import { STORED_HASH_RE } from "@/lib/schemas/hex";


export async function submitRefundTx(merchantId: string, refundId: string, txHash: string, by: RefundActorInfo = {}): Promise<Refund> {
  const hash = txHash.toLowerCase();
  if (!STORED_HASH_RE.test(hash)) {
    throw new ApiError("validation_error", "Invalid request body.", {
      details: [{ field: "tx_hash", issue: "must be a transaction hash: 0x followed by 64 hex characters" }],
    });
  }
  try {
    return await db.$transaction(async (tx) => {
      const { refund: before } = await lockOwnedRefund(tx, refundId, { merchantId });
      // The wallet's callback and a retry may both submit: the same hash again is the same answer.
      if (before.status !== "awaiting_transfer" && before.txHash === hash && before.activeTxHash === hash) return before;
      if (before.status !== "awaiting_transfer") throw refundWrongState(before, "submitted", ["awaiting_transfer"]);
      const payment = await tx.proof.findFirst({ where: { chainId: before.chainId, txHash: hash }, select: { id: true } });
      if (payment) throw new ApiError("refund_tx_conflict", "This transaction is a payment's, not a refund's.");
      const now = new Date();
      const refund = await tx.refund.update({
        where: { id: before.id },
        data: { status: "submitted", txHash: hash, activeTxHash: hash, submittedAt: now, nextCheckAt: now, checkAttempts: 0, lastError: null },
      });
      await recordRefundAudit(tx, { actor: by.actor ?? merchantActor(merchantId), ip: by.ip, action: "refund.submitted", refund, before });
      return refund;
    });
  } catch (err) {
    if (uniqueViolation(err)?.constraint.includes("activeTxHash")) throw new ApiError("refund_tx_conflict", "This transaction is already the proof of another refund.");
    throw err;
  }
}
