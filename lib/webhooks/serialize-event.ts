import type { DeliveryAttempt, Event, WebhookDelivery } from "@/lib/generated/prisma/client";
import { deliveryAttemptOutput, eventDeliveryOutput, eventOutput } from "@/lib/schemas/event";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The event exactly as its webhook body carries it. */
export function serializeEvent(e: Event) {
  const p = e.payload as Record<string, unknown>;
  return eventOutput.parse({ id: e.id, type: e.type, created_at: p.created_at, test_mode: e.testMode, data: p.data, ...(p.receipt === undefined ? {} : { receipt: p.receipt }), ...(p.refund === undefined ? {} : { refund: p.refund }) });
}

export function serializeDelivery(d: WebhookDelivery) {
  return eventDeliveryOutput.parse({
    webhook_endpoint_id: d.endpointId,
    status: d.status,
    attempt_count: d.attemptCount,
    next_attempt_at: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    last_status_code: d.lastStatusCode,
    last_error: d.lastError,
    succeeded_at: iso(d.succeededAt),
  });
}

export function serializeAttempt(a: DeliveryAttempt) {
  return deliveryAttemptOutput.parse({
    attempt_number: a.attemptNumber,
    status_code: a.statusCode,
    success: a.success,
    latency_ms: a.latencyMs,
    response_excerpt: a.responseExcerpt,
    error: a.error,
    created_at: a.createdAt.toISOString(),
  });
}

export function serializeEventDetail(e: Event & { deliveries: (WebhookDelivery & { attempts: DeliveryAttempt[] })[] }) {
  return {
    ...serializeEvent(e),
    deliveries: e.deliveries.map((d) => ({ ...serializeDelivery(d), attempts: d.attempts.map(serializeAttempt) })),
  };
}
