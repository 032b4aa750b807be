// Partner console: webhook endpoints — register, rotate secret, enable/disable, redeliver an event.
// All through lib/webhooks, so the console obeys the same URL guard, sealing and tenant rules as the API.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { createWebhookEndpointInput, updateWebhookEndpointInput } from "@/lib/schemas/webhook-endpoint";
import { createWebhookEndpoint } from "@/lib/webhooks/create-endpoint";
import { redeliverEvent } from "@/lib/webhooks/redeliver-event";
import { rotateEndpointSecret } from "@/lib/webhooks/rotate-endpoint-secret";
import { serializeEndpoint } from "@/lib/webhooks/serialize-endpoint";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-endpoint";
import { findEndpointOrNotFound } from "@/lib/webhooks/find-endpoint";
import { partnerScope, type ConsoleCtx } from "../context";

export const endpointIdInput = z.object({ endpointId: z.string() });
export const endpointDisabledInput = z.object({ endpointId: z.string(), disabled: z.boolean() });
export const redeliverInput = z.object({ eventId: z.string(), endpointId: z.string().optional() });

export async function createEndpointAction(ctx: ConsoleCtx, raw: z.input<typeof createWebhookEndpointInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const { endpoint, secret } = await createWebhookEndpoint(scope, createWebhookEndpointInput.parse(raw));
  const out = serializeEndpoint(endpoint);
  await db.$transaction((tx) => recordAudit(tx, { actor: user, action: "webhook_endpoint.created", partnerId: partner.id, targetType: "webhook_endpoint", targetId: endpoint.id, after: out, ip: ctx.ip }));
  return { endpoint: out, secret };
}

export async function rotateSecretAction(ctx: ConsoleCtx, raw: z.input<typeof endpointIdInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const { endpointId } = endpointIdInput.parse(raw);
  const { endpoint, secret } = await rotateEndpointSecret(scope, endpointId);
  const out = serializeEndpoint(endpoint);
  await db.$transaction((tx) =>
    recordAudit(tx, { actor: user, action: "webhook_endpoint.secret_rotated", partnerId: partner.id, targetType: "webhook_endpoint", targetId: endpoint.id, after: { previous_secret_expires_at: out.previous_secret_expires_at }, ip: ctx.ip }),
  );
  return { endpoint: out, secret };
}

export async function setEndpointDisabledAction(ctx: ConsoleCtx, raw: z.input<typeof endpointDisabledInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const { endpointId, disabled } = endpointDisabledInput.parse(raw);
  const before = serializeEndpoint(await findEndpointOrNotFound(scope, endpointId));
  const after = serializeEndpoint(await updateWebhookEndpoint(scope, endpointId, updateWebhookEndpointInput.parse({ disabled })));
  await db.$transaction((tx) =>
    recordAudit(tx, { actor: user, action: disabled ? "webhook_endpoint.disabled" : "webhook_endpoint.enabled", partnerId: partner.id, targetType: "webhook_endpoint", targetId: endpointId, before: { disabled: before.disabled }, after: { disabled: after.disabled }, ip: ctx.ip }),
  );
  return after;
}

export async function redeliverAction(ctx: ConsoleCtx, raw: z.input<typeof redeliverInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const { eventId, endpointId } = redeliverInput.parse(raw);
  const event = await redeliverEvent(scope, eventId, endpointId ? { webhook_endpoint_id: endpointId } : {});
  await db.$transaction((tx) =>
    recordAudit(tx, { actor: user, action: "event.redelivered", partnerId: partner.id, targetType: "event", targetId: event.id, after: { webhook_endpoint_id: endpointId ?? null }, ip: ctx.ip }),
  );
  return { eventId: event.id };
}
