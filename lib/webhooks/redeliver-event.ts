// Redelivery: the event goes out again with the SAME webhook-id (its event id), so a receiver that
// already processed it recognises the duplicate. Every enabled endpoint subscribed to the type gets
// a fresh run of the retry schedule — including endpoints registered after the event, and
// deliveries that succeeded or failed before.
import { ApiError } from "@/lib/errors";
import { tenantWhere, type TenantScope } from "@/lib/tenancy";
import { recordAuditFor, type AuditFor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { isTargetedOnlyType } from "@/lib/events/event-types";
import { uuidv7 } from "@/lib/ids";
import type { RedeliverEventInput } from "@/lib/schemas/event";
import { notifyDeliveriesDue } from "./delivery-wakeup";
import { findEventOrNotFound } from "./find-event";

/** `audit` (console): the action's audit entry, written in the requeueing transaction. */
export async function redeliverEvent(scope: TenantScope, eventId: string, input: RedeliverEventInput = {}, now = new Date(), opts: { audit?: AuditFor<{ id: string }> } = {}) {
  const event = await findEventOrNotFound(scope, eventId);
  // A webhook.test event stays on the endpoint it was sent to (event-types.ts): that endpoint is
  // the one with a delivery of it, and the only one it may go to again.
  const receivers = isTargetedOnlyType(event.type)
    ? { id: { in: event.deliveries.map((d) => d.endpointId) } }
    : { OR: [{ events: { isEmpty: true } }, { events: { has: event.type } }] };
  const endpoints = await db.webhookEndpoint.findMany({
    where: {
      AND: [tenantWhere(scope), input.webhook_endpoint_id ? { id: input.webhook_endpoint_id } : { disabled: false }, receivers],
    },
  });
  if (input.webhook_endpoint_id) {
    const [target] = endpoints;
    // An endpoint of another tenant, or one not subscribed to this type, looks the same: not usable here.
    if (!target) throw detail("no endpoint of yours with this id receives this event type");
    if (target.disabled) throw detail("the endpoint is disabled; enable it first (PATCH disabled: false)");
  }
  await db.$transaction(async (tx) => {
    for (const endpoint of endpoints) {
      await tx.webhookDelivery.upsert({
        where: { eventId_endpointId: { eventId: event.id, endpointId: endpoint.id } },
        create: { id: uuidv7(), eventId: event.id, endpointId: endpoint.id, nextAttemptAt: now },
        update: { status: "pending", attemptCount: 0, nextAttemptAt: now, leaseOwner: null, leaseUntil: null, lastError: null, succeededAt: null },
      });
    }
    if (endpoints.length > 0) await notifyDeliveriesDue(tx);
    await recordAuditFor(tx, opts.audit, { id: event.id });
  });
  return findEventOrNotFound(scope, eventId);
}

function detail(issue: string) {
  return new ApiError("validation_error", "Cannot redeliver to this endpoint.", { details: [{ field: "webhook_endpoint_id", issue }] });
}
