// Who may act on a refund: the merchant (dashboard: its own requests only) or a partner's key
// (tenant and mode, lib/tenancy.ts). Anything else — another merchant's refund, another partner's,
// the other mode's, a malformed id — is the one not_found.
import { assertIdShape, notFound, type TenantScope } from "@/lib/tenancy";
import type { Tx } from "@/lib/db";
import type { PaymentRequest, Refund } from "@/lib/generated/prisma/client";
import { lockRequest } from "@/lib/payments/attach-proof";
import type { AuditEntry } from "@/lib/audit/record";

/** `requestId`: the refund must also be of this request (an API path names both). */
export type RefundOwner = ({ merchantId: string } | { scope: TenantScope }) & { requestId?: string };

/** The `where` that confines refund queries to the owner. */
export function ownerWhere(owner: RefundOwner) {
  const who = "merchantId" in owner ? { merchantId: owner.merchantId } : { partnerId: owner.scope.partnerId, testMode: owner.scope.testMode };
  return owner.requestId === undefined ? who : { ...who, requestId: owner.requestId };
}

/** The audit actor when the caller names none: the merchant itself. */
export const merchantActor = (merchantId: string): AuditEntry["actor"] => ({ id: merchantId, email: null, role: "merchant" });

/** Who did it and from where, for the audit entry (console/dashboard actions pass theirs). */
export interface RefundActorInfo {
  actor?: AuditEntry["actor"];
  ip?: string | null;
}

/**
 * Row-locks the refund's request and then the refund (lock order request → proof → refund, as
 * everywhere), after checking the refund is the owner's.
 */
export async function lockOwnedRefund(tx: Tx, refundId: string, owner: RefundOwner): Promise<{ request: PaymentRequest; refund: Refund }> {
  assertIdShape(refundId);
  if (owner.requestId !== undefined) assertIdShape(owner.requestId);
  if ("merchantId" in owner) assertIdShape(owner.merchantId);
  const found = await tx.refund.findFirst({ where: { id: refundId, ...ownerWhere(owner) }, select: { requestId: true } });
  if (!found) throw notFound();
  const request = await lockRequest(tx, found.requestId, null);
  if (!request) throw notFound();
  await tx.$queryRaw`SELECT id FROM refunds WHERE id = ${refundId}::uuid FOR UPDATE`;
  return { request, refund: await tx.refund.findUniqueOrThrow({ where: { id: refundId } }) };
}
