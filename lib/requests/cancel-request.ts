// Voiding a request (seeds: "Allowed only while status === requested AND proof_status === none",
// else 409 cannot_cancel with the current request). The guarded UPDATE decides atomically, so a
// cancel racing a pay-page open or a proof can never void a request that has moved on; the
// request.voided event commits in the same transaction (SPEC §6).
import { ApiError } from "@/lib/errors";
import { findRequestOrNotFound, tenantWhere, type TenantScope } from "@/lib/tenancy";
import { recordAuditFor, type AuditFor } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db";
import { emitEvent } from "@/lib/events/emit-event";
import type { PaymentRequest } from "@/lib/generated/prisma/client";
import { presentRequest } from "./get-request";
import { serializeRequest } from "./serialize-request";

/** `audit` (console): the action's audit entry, written in the voiding transaction. */
export async function cancelRequest(scope: TenantScope, id: string, opts: { audit?: AuditFor<PaymentRequest> } = {}) {
  const current = await findRequestOrNotFound(scope, id);
  const voided = await db.$transaction(async (tx: Tx) => {
    const now = new Date();
    const res = await tx.paymentRequest.updateMany({
      where: { id: current.id, ...tenantWhere(scope), status: "requested", proofStatus: "none" },
      data: { status: "voided", voidedAt: now },
    });
    if (res.count !== 1) return null;
    const request = await tx.paymentRequest.findUniqueOrThrow({ where: { id: current.id } });
    await emitEvent(tx, {
      partnerId: request.partnerId,
      testMode: request.testMode,
      type: "request.voided",
      data: serializeRequest(request),
      requestId: request.id,
      merchantId: request.merchantId,
    });
    await recordAuditFor(tx, opts.audit, request);
    return request;
  });
  if (voided) return voided;
  const latest = await findRequestOrNotFound(scope, id);
  throw new ApiError("cannot_cancel", `A request with status ${latest.status} and proof_status ${latest.proofStatus} cannot be cancelled.`, {
    request: await presentRequest(latest),
  });
}
