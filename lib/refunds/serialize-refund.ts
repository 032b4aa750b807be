// The Refund object of the API, of webhooks and of the request's `refunds[]`: every refund is
// serialised here, through the output schema, so no column leaks by accident.
import type { Refund } from "@/lib/generated/prisma/client";
import { refundOutput, type RefundOutput } from "@/lib/schemas/refund";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function serializeRefund(r: Refund): RefundOutput {
  return refundOutput.parse({
    refund_id: r.id,
    status: r.status,
    amount_usdc_micro: r.amountMicro.toString(),
    to_address: r.toAddress,
    tx_hash: r.txHash,
    reason: r.reason,
    initiated_by: r.initiatedBy,
    rejection_reason: r.rejectionReason,
    simulated: r.simulated,
    created_at: r.createdAt.toISOString(),
    verified_at: iso(r.verifiedAt),
    finalized_at: iso(r.finalizedAt),
  });
}
