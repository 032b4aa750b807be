// The merchant approves a refund the partner asked for: requested → awaiting_transfer (its wallet
// sends it next: ./prepare-refund-transfer.ts).
import { db } from "@/lib/db";
import type { Refund } from "@/lib/generated/prisma/client";
import { recordRefundAudit } from "./record-refund-audit";
import { lockOwnedRefund, merchantActor, type RefundActorInfo } from "./refund-owner";
import { refundWrongState } from "./refund-state-error";

export async function approveRefund(merchantId: string, refundId: string, by: RefundActorInfo = {}): Promise<Refund> {
  return db.$transaction(async (tx) => {
    const { refund: before } = await lockOwnedRefund(tx, refundId, { merchantId });
    if (before.status === "awaiting_transfer") return before; // approved already: a double click
    if (before.status !== "requested") throw refundWrongState(before, "approved", ["requested"]);
    const refund = await tx.refund.update({ where: { id: before.id }, data: { status: "awaiting_transfer" } });
    await recordRefundAudit(tx, { actor: by.actor ?? merchantActor(merchantId), ip: by.ip, action: "refund.approved", refund, before });
    return refund;
  });
}
