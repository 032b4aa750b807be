// How much of a payment can still be refunded: what it received minus every refund of it that is
// not cancelled or rejected (a submitted one may still verify; a reversed one is back to submitted).
// Read under the request's row lock (lib/payments/attach-proof.ts lockRequest), which every refund
// creation takes, so two creations can never both spend the same remainder.
import type { Tx } from "@/lib/db";
import type { Proof } from "@/lib/generated/prisma/client";

export const COMMITTED_STATUSES = ["requested", "awaiting_transfer", "submitted", "verified"] as const;

export async function refundableMicro(tx: Tx, proof: Pick<Proof, "id" | "receivedMicro">): Promise<bigint> {
  const { _sum } = await tx.refund.aggregate({ where: { proofId: proof.id, status: { in: [...COMMITTED_STATUSES] } }, _sum: { amountMicro: true } });
  const left = (proof.receivedMicro ?? 0n) - (_sum.amountMicro ?? 0n);
  return left > 0n ? left : 0n;
}
