import type { WebhookEndpoint } from "@/lib/generated/prisma/client";
import { webhookEndpointOutput, type WebhookEndpointOutput } from "@/lib/schemas/webhook-endpoint";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The endpoint as the API shows it: never a secret, sealed or not. */
export function serializeEndpoint(e: WebhookEndpoint, now = new Date()): WebhookEndpointOutput {
  return webhookEndpointOutput.parse({
    webhook_endpoint_id: e.id,
    url: e.url,
    description: e.description,
    events: e.events,
    disabled: e.disabled,
    disabled_reason: e.disabledReason,
    disabled_at: iso(e.disabledAt),
    previous_secret_expires_at: e.previousSecretExpiresAt && e.previousSecretExpiresAt > now ? e.previousSecretExpiresAt.toISOString() : null,
    test_mode: e.testMode,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  });
}
