// Partner console: webhook endpoints — register, rotate secret, enable/disable, send a test event,
// redeliver an event.
// All through lib/webhooks, so the console obeys the same URL guard, sealing and tenant rules as the API;
// each hands its audit entry to the domain function, which writes it in the change's own transaction.
import { z } from "zod";
import { createWebhookEndpointInput, updateWebhookEndpointInput } from "@/lib/schemas/webhook-endpoint";
import { createWebhookEndpoint } from "@/lib/webhooks/create-endpoint";
import { redeliverEvent } from "@/lib/webhooks/redeliver-event";
import { rotateEndpointSecret } from "@/lib/webhooks/rotate-endpoint-secret";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";
import { serializeEndpoint } from "@/lib/webhooks/serialize-endpoint";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-endpoint";
import { partnerScope, type ConsoleCtx } from "../context";

export const endpointIdInput = z.object({ endpointId: z.string() });
export const endpointDisabledInput = z.object({ endpointId: z.string(), disabled: z.boolean() });
export const redeliverInput = z.object({ eventId: z.string(), endpointId: z.string().optional() });

export async function createEndpointAction(ctx: ConsoleCtx, raw: z.input<typeof createWebhookEndpointInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const { endpoint, secret } = await createWebhookEndpoint(scope, createWebhookEndpointInput.parse(raw), {
    audit: (e) => ({ actor: user, action: "webhook_endpoint.created", partnerId: partner.id, targetType: "webhook_endpoint", targetId: e.id, after: serializeEndpoint(e), ip: ctx.ip }),
  });
  return { endpoint: serializeEndpoint(endpoint), secret };
}

export async function rotateSecretAction(ctx: ConsoleCtx, raw: z.input<typeof endpointIdInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const { endpointId } = endpointIdInput.parse(raw);
  const { endpoint, secret } = await rotateEndpointSecret(scope, endpointId, new Date(), {
    audit: (e) => ({ actor: user, action: "webhook_endpoint.secret_rotated", partnerId: partner.id, targetType: "webhook_endpoint", targetId: e.id, after: { previous_secret_expires_at: e.previousSecretExpiresAt }, ip: ctx.ip }),
  });
  return { endpoint: serializeEndpoint(endpoint), secret };
}

export async function setEndpointDisabledAction(ctx: ConsoleCtx, raw: z.input<typeof endpointDisabledInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const { endpointId, disabled } = endpointDisabledInput.parse(raw);
  const after = await updateWebhookEndpoint(scope, endpointId, updateWebhookEndpointInput.parse({ disabled }), {
    audit: (r) => ({ actor: user, action: disabled ? "webhook_endpoint.disabled" : "webhook_endpoint.enabled", partnerId: partner.id, targetType: "webhook_endpoint", targetId: r.after.id, before: { disabled: r.before.disabled }, after: { disabled: r.after.disabled }, ip: ctx.ip }),
  });
  return serializeEndpoint(after);
}

export async function redeliverAction(ctx: ConsoleCtx, raw: z.input<typeof redeliverInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const { eventId, endpointId } = redeliverInput.parse(raw);
  const event = await redeliverEvent(scope, eventId, endpointId ? { webhook_endpoint_id: endpointId } : {}, new Date(), {
    audit: (e) => ({ actor: user, action: "event.redelivered", partnerId: partner.id, targetType: "event", targetId: e.id, after: { webhook_endpoint_id: endpointId ?? null }, ip: ctx.ip }),
  });
  return { eventId: event.id };
}

/** "Send test event": a webhook.test event to this endpoint only; audited in the event's transaction. */
export async function sendTestEventAction(ctx: ConsoleCtx, raw: z.input<typeof endpointIdInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const { endpointId } = endpointIdInput.parse(raw);
  const event = await sendTestEvent(scope, endpointId, {
    audit: (e) => ({ actor: user, action: "webhook_endpoint.test_event_sent", partnerId: partner.id, targetType: "webhook_endpoint", targetId: endpointId, after: { event_id: e.id }, ip: ctx.ip }),
  });
  return { eventId: event.id };
}

