// Test mode's refund simulator (like lib/payments/simulate-payment.ts): settles a refund as
// verified without a chain, through the same settleRefund as a real one, so test-mode partners see
// the same state change, payment.refunded webhook and audit entry. A partner-requested refund is
// approved on the way (the simulation stands for the merchant approving and sending it).
import { randomBytes } from "node:crypto";
import { ApiError } from "@/lib/errors";
import { db } from "@/lib/db";
import type { Refund } from "@/lib/generated/prisma/client";
import { recordRefundAudit } from "./record-refund-audit";
import { lockOwnedRefund, merchantActor, type RefundActorInfo, type RefundOwner } from "./refund-owner";
import { refundWrongState } from "./refund-state-error";
import { settleRefund } from "./settle-refund";

export async function simulateRefund(owner: RefundOwner, refundId: string, by: RefundActorInfo = {}): Promise<Refund> {
  // Live objects can never be refunded without a chain; a live key learns nothing about the id.
  if ("scope" in owner && !owner.scope.testMode) throw new ApiError("test_mode_only");
  const actor = by.actor ?? ("merchantId" in owner ? merchantActor(owner.merchantId) : undefined);
  return db.$transaction(async (tx) => {
    const { refund: before } = await lockOwnedRefund(tx, refundId, owner);
    if (!before.testMode) throw new ApiError("test_mode_only");
    if (before.status !== "requested" && before.status !== "awaiting_transfer") throw refundWrongState(before, "simulated", ["requested", "awaiting_transfer"]);
    const hash = `0x${randomBytes(32).toString("hex")}`;
    const now = new Date();
    const submitted = await tx.refund.update({
      where: { id: before.id },
      data: { status: "submitted", simulated: true, txHash: hash, activeTxHash: hash, submittedAt: now },
    });
    if (actor) await recordRefundAudit(tx, { actor, ip: by.ip, action: "refund.simulated", refund: submitted, before });
    const done = await settleRefund(tx, submitted, { kind: "verified", block: null }, null, actor);
    // Only null if something else settled this refund inside our lock, which nothing may do.
    if (!done) throw new Error("simulated refund was settled concurrently");
    return done;
  });
}
