// Declining a refund the partner asked for, or withdrawing one not sent yet: requested or
// awaiting_transfer → cancelled. Once a tx hash is submitted the chain decides, not the merchant.
// A cancelled refund no longer counts against what the payment can still refund.
import { db } from "@/lib/db";
import type { Refund } from "@/lib/generated/prisma/client";
import { recordRefundAudit } from "./record-refund-audit";
import { lockOwnedRefund, merchantActor, type RefundActorInfo } from "./refund-owner";
import { refundWrongState } from "./refund-state-error";

export async function cancelRefund(merchantId: string, refundId: string, by: RefundActorInfo = {}): Promise<Refund> {
  return db.$transaction(async (tx) => {
    const { refund: before } = await lockOwnedRefund(tx, refundId, { merchantId });
    if (before.status === "cancelled") return before;
    if (before.status !== "requested" && before.status !== "awaiting_transfer") throw refundWrongState(before, "cancelled", ["requested", "awaiting_transfer"]);
    const refund = await tx.refund.update({ where: { id: before.id }, data: { status: "cancelled", cancelledAt: new Date() } });
    await recordRefundAudit(tx, {
      actor: by.actor ?? merchantActor(merchantId),
      ip: by.ip,
      action: before.status === "requested" ? "refund.declined" : "refund.cancelled",
      refund,
      before,
    });
    return refund;
  });
}
