// The chain's verdict on a submitted refund, applied in one transaction with its event and audit
// entry: submitted → verified (payment.refunded) or → rejected (its hash freed). Guarded like
// lib/payments/settle-proof.ts: the refund must still be submitted and, for the loop, still leased
// to the caller's claim, so a worker whose lease ran out changes nothing and emits nothing.
import { SYSTEM_ACTOR, type AuditEntry } from "@/lib/audit/record";
import type { Tx } from "@/lib/db";
import type { Refund } from "@/lib/generated/prisma/client";
import { lockRequest } from "@/lib/payments/attach-proof";
import { emitRefundEvent } from "./emit-refund-event";
import { recordRefundAudit } from "./record-refund-audit";
import type { RefundRejectionReason } from "./verify-refund-transfer";

export interface RefundBlockFacts {
  blockNumber: bigint;
  blockHash: string;
  confirmations: number;
}

/** The verifier's reasons, plus not_found: never seen on chain for UNKNOWN_HASH_GIVE_UP_MS. */
export type RefundFinalVerdict =
  | { kind: "verified"; block: RefundBlockFacts | null }
  | { kind: "rejected"; reason: RefundRejectionReason | "not_found"; block: RefundBlockFacts | null };

/** Null (nothing changed) when the refund is no longer submitted or no longer leased to `leaseToken`. */
export async function settleRefund(
  tx: Tx,
  refund: Pick<Refund, "id" | "requestId">,
  verdict: RefundFinalVerdict,
  leaseToken: string | null,
  actor: AuditEntry["actor"] = SYSTEM_ACTOR,
): Promise<Refund | null> {
  const request = await lockRequest(tx, refund.requestId, null);
  if (!request) return null;
  const before = await tx.refund.findUnique({ where: { id: refund.id } });
  const now = new Date();
  const block = verdict.block ? { blockNumber: verdict.block.blockNumber, blockHash: verdict.block.blockHash, confirmations: verdict.block.confirmations } : {};
  const { count } = await tx.refund.updateMany({
    where: { id: refund.id, status: "submitted", ...(leaseToken ? { leaseOwner: leaseToken } : {}) },
    data:
      verdict.kind === "verified"
        ? // Without a block it is a simulation: no chain can reorg it, so it is final at once.
          { ...block, status: "verified", verifiedAt: now, finalizedAt: verdict.block ? null : now, leaseOwner: null, leaseUntil: null, lastError: null, checkAttempts: 0, nextCheckAt: now }
        : { ...block, status: "rejected", rejectionReason: verdict.reason, activeTxHash: null, rejectedAt: now, leaseOwner: null, leaseUntil: null, lastError: null },
  });
  if (count === 0 || !before) return null;
  const done = await tx.refund.findUniqueOrThrow({ where: { id: refund.id } });
  await recordRefundAudit(tx, { actor, action: verdict.kind === "verified" ? "refund.verified" : "refund.rejected", refund: done, before });
  if (verdict.kind === "verified") await emitRefundEvent(tx, "payment.refunded", request, done);
  return done;
}
