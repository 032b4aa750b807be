// Fan-out: one WebhookDelivery per enabled endpoint of the event's partner and mode that subscribes
// to its type (empty subscription list = every type). Called by emitEvent inside the transaction of
// the state change, so an event and its deliveries exist iff that change committed. A targeted event
// (webhook.test) gets one delivery, to its target only — still confined to the partner and mode.
import type { Tx } from "@/lib/db";
import { isTargetedOnlyType } from "@/lib/events/event-types";
import { uuidv7 } from "@/lib/ids";
import { notifyDeliveriesDue } from "./delivery-wakeup";

export interface PublishableEvent {
  id: string;
  partnerId: string;
  testMode: boolean;
  type: string;
}

/** Creates the pending deliveries; returns how many. Idempotent per (event, endpoint). */
export async function publishEvent(tx: Tx, event: PublishableEvent, now = new Date(), targetEndpointId?: string): Promise<number> {
  if (isTargetedOnlyType(event.type) && !targetEndpointId) return 0; // never fanned out
  const endpoints = await tx.webhookEndpoint.findMany({
    where: {
      partnerId: event.partnerId,
      testMode: event.testMode,
      disabled: false,
      ...(targetEndpointId ? { id: targetEndpointId } : { OR: [{ events: { isEmpty: true } }, { events: { has: event.type } }] }),
    },
    select: { id: true },
  });
  if (endpoints.length === 0) return 0;
  const { count } = await tx.webhookDelivery.createMany({
    data: endpoints.map((e) => ({ id: uuidv7(), eventId: event.id, endpointId: e.id, nextAttemptAt: now })),
    skipDuplicates: true,
  });
  if (count > 0) await notifyDeliveriesDue(tx);
  return count;
}
