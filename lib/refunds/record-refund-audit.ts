// The audit entry of a refund state change (SPEC §8), written with the change's transaction.
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import type { Tx } from "@/lib/db";
import type { Refund } from "@/lib/generated/prisma/client";

/** What an entry records of a refund: its state, not the lease bookkeeping. */
export function refundAuditState(r: Refund) {
  return {
    status: r.status,
    amount_usdc_micro: r.amountMicro.toString(),
    to_address: r.toAddress,
    tx_hash: r.txHash,
    rejection_reason: r.rejectionReason,
    block_number: r.blockNumber,
    block_hash: r.blockHash,
  };
}

export interface RefundAudit {
  actor: AuditEntry["actor"];
  ip?: string | null;
  /** refund.created, refund.approved, refund.cancelled, refund.submitted, refund.verified, refund.rejected, refund.reversed, refund.finalized, refund.simulated */
  action: string;
  refund: Refund;
  before?: Refund | null;
  /** Extra facts for `after` (e.g. the reversal's cause). */
  extra?: Record<string, unknown>;
}

export function recordRefundAudit(tx: Tx, a: RefundAudit) {
  return recordAudit(tx, {
    actor: a.actor,
    action: a.action,
    partnerId: a.refund.partnerId,
    targetType: "refund",
    targetId: a.refund.id,
    before: a.before ? refundAuditState(a.before) : null,
    after: { ...refundAuditState(a.refund), request_id: a.refund.requestId, ...a.extra },
    ip: a.ip ?? null,
  });
}
