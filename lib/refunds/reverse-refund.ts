// A verified refund that a reorg removed before its block was final: back to submitted — its hash
// stays reserved to it, so if the same tx is mined again the checker simply verifies it again — and
// payment.refund_reversed tells the partner, with an audit entry, in one transaction. It keeps
// counting against what the payment can still refund while it is submitted.
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import type { Tx } from "@/lib/db";
import type { Refund } from "@/lib/generated/prisma/client";
import { lockRequest } from "@/lib/payments/attach-proof";
import type { ReversalCause } from "@/lib/payments/reverse-payment";
import { emitRefundEvent } from "./emit-refund-event";
import { recordRefundAudit } from "./record-refund-audit";

/** Null (nothing changed) when the refund is no longer a verified, unfinalised one leased to `leaseToken`. */
export async function reverseRefund(tx: Tx, refund: Pick<Refund, "id" | "requestId">, cause: ReversalCause, leaseToken: string): Promise<Refund | null> {
  const request = await lockRequest(tx, refund.requestId, null);
  if (!request) return null;
  const before = await tx.refund.findUnique({ where: { id: refund.id } });
  const now = new Date();
  const { count } = await tx.refund.updateMany({
    where: { id: refund.id, status: "verified", finalizedAt: null, leaseOwner: leaseToken },
    data: {
      status: "submitted",
      verifiedAt: null,
      reversedAt: now,
      blockNumber: null,
      blockHash: null,
      confirmations: null,
      checkAttempts: 0,
      nextCheckAt: now,
      leaseOwner: null,
      leaseUntil: null,
      lastError: null,
    },
  });
  if (count === 0 || !before) return null;
  const done = await tx.refund.findUniqueOrThrow({ where: { id: refund.id } });
  await recordRefundAudit(tx, { actor: SYSTEM_ACTOR, action: "refund.reversed", refund: done, before, extra: { cause } });
  await emitRefundEvent(tx, "payment.refund_reversed", request, done);
  return done;
}
