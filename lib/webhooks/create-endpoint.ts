// Registering a webhook endpoint for the caller's partner and mode. The plain secret exists only in
// the return value (shown once); the row holds it sealed (secret-box.ts).
import type { TenantScope } from "@/lib/tenancy";
import { recordAuditFor, type AuditFor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { WebhookEndpoint } from "@/lib/generated/prisma/client";
import { uuidv7 } from "@/lib/ids";
import type { CreateWebhookEndpointInput } from "@/lib/schemas/webhook-endpoint";
import { checkEndpointUrl } from "./check-endpoint-url";
import { sealSecret } from "./secret-box";
import { generateWebhookSecret } from "./sign";
import type { Resolver } from "./url-guard";

/** `audit` (console): the action's audit entry, written in the creating transaction. */
export async function createWebhookEndpoint(scope: TenantScope, input: CreateWebhookEndpointInput, opts: { resolve?: Resolver; audit?: AuditFor<WebhookEndpoint> } = {}) {
  const url = await checkEndpointUrl(input.url, opts.resolve);
  const id = uuidv7();
  const secret = generateWebhookSecret();
  const endpoint = await db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        id,
        partnerId: scope.partnerId,
        testMode: scope.testMode,
        url,
        description: input.description ?? null,
        events: input.events,
        secretSealed: sealSecret(secret, id),
      },
    });
    await recordAuditFor(tx, opts.audit, created);
    return created;
  });
  return { endpoint, secret };
}
