// Secret rotation (SPEC §7: during rotation both secrets sign). The old secret keeps signing beside
// the new one for 24 h so the partner can deploy the new secret without a window of failed
// verifications. Rotating again inside that window retires the oldest secret at once.
import type { TenantScope } from "@/lib/tenancy";
import { recordAuditFor, type AuditFor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { WebhookEndpoint } from "@/lib/generated/prisma/client";
import { findEndpointOrNotFound } from "./find-endpoint";
import { sealSecret } from "./secret-box";
import { generateWebhookSecret } from "./sign";

export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** `audit` (console): the action's audit entry, written in the rotating transaction. */
export async function rotateEndpointSecret(scope: TenantScope, id: string, now = new Date(), opts: { audit?: AuditFor<WebhookEndpoint> } = {}) {
  const current = await findEndpointOrNotFound(scope, id);
  const secret = generateWebhookSecret();
  const endpoint = await db.$transaction(async (tx) => {
    const rotated = await tx.webhookEndpoint.update({
      where: { id: current.id },
      data: {
        secretSealed: sealSecret(secret, current.id),
        previousSecretSealed: current.secretSealed,
        previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
      },
    });
    await recordAuditFor(tx, opts.audit, rotated);
    return rotated;
  });
  return { endpoint, secret };
}
