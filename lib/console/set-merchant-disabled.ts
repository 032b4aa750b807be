// Disabling a merchant (seeds: "disabled by partner or admin" — no new requests, dashboard stays
// reachable). Callers resolve the merchant within their own authority first; this only flips the
// flag and records who did it, in one transaction.
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { db } from "@/lib/db";

export async function setMerchantDisabled(merchantId: string, disabled: boolean, who: { actor: AuditEntry["actor"]; ip?: string | null }) {
  return db.$transaction(async (tx) => {
    const before = await tx.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    if (before.disabled === disabled) return before;
    const after = await tx.merchant.update({ where: { id: merchantId }, data: { disabled, disabledAt: disabled ? new Date() : null } });
    await recordAudit(tx, {
      actor: who.actor,
      action: disabled ? "merchant.disabled" : "merchant.enabled",
      partnerId: after.partnerId,
      targetType: "merchant",
      targetId: after.id,
      before: { disabled: before.disabled },
      after: { disabled: after.disabled },
      ip: who.ip,
    });
    return after;
  });
}
