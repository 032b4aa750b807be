// PATCH of an endpoint. A new URL passes the same guard as at registration. Re-enabling clears the
// failure streak; disabling by the partner pauses delivery (queued deliveries wait, they resume on
// re-enable), unlike JoPay's automatic disable which fails them (disable-endpoint.ts).
import type { TenantScope } from "@/lib/tenancy";
import { recordAuditFor, type AuditFor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { Prisma, WebhookEndpoint } from "@/lib/generated/prisma/client";
import type { UpdateWebhookEndpointInput } from "@/lib/schemas/webhook-endpoint";
import { checkEndpointUrl } from "./check-endpoint-url";
import { findEndpointOrNotFound } from "./find-endpoint";

/** `audit` (console): gets the endpoint before and after; written in the updating transaction. */
export async function updateWebhookEndpoint(scope: TenantScope, id: string, input: UpdateWebhookEndpointInput, opts: { audit?: AuditFor<{ before: WebhookEndpoint; after: WebhookEndpoint }> } = {}) {
  const current = await findEndpointOrNotFound(scope, id);
  const data: Prisma.WebhookEndpointUpdateInput = {};
  if (input.url !== undefined) data.url = await checkEndpointUrl(input.url);
  if (input.description !== undefined) data.description = input.description;
  if (input.events !== undefined) data.events = input.events;
  if (input.disabled === true && !current.disabled) {
    Object.assign(data, { disabled: true, disabledReason: "disabled by the partner", disabledAt: new Date() });
  } else if (input.disabled === false && current.disabled) {
    Object.assign(data, { disabled: false, disabledReason: null, disabledAt: null, failingSince: null });
  }
  return db.$transaction(async (tx) => {
    const after = await tx.webhookEndpoint.update({ where: { id: current.id }, data });
    await recordAuditFor(tx, opts.audit, { before: current, after });
    return after;
  });
}
