// Events API shapes (SPEC §5, §7). An event is exactly the webhook body: { id, type, created_at,
// test_mode, data } with `data` the object the REST API returns; the API adds its deliveries.
import { z } from "zod";
import { isoDateFilter, paginationOutput, paginationQuery, isoTimestamp } from "./common";
import { webhookReceipt } from "./receipt";
import { refundOutput } from "./refund";
import { anyEventType } from "./webhook-endpoint";

export const eventOutput = z.object({
  id: z.string().describe("evt_…; also the webhook-id header of every delivery attempt"),
  type: anyEventType,
  created_at: isoTimestamp,
  test_mode: z.boolean(),
  data: z.record(z.string(), z.unknown()).describe("The request or merchant object as the REST API returns it; for webhook.test, { webhook_endpoint_id, message }"),
  receipt: webhookReceipt.optional().describe("payment.proof_verified and payment.reversed: the payment's signed receipt (absent for payments verified before receipts existed)."),
  refund: refundOutput.optional().describe("payment.refunded, payment.refund_reversed and refund.requested: the refund the event is about (also in `data.refunds`)."),
});
export type EventOutput = z.infer<typeof eventOutput>;

export const deliveryAttemptOutput = z.object({
  attempt_number: z.number().int(),
  status_code: z.number().int().nullable(),
  success: z.boolean(),
  latency_ms: z.number().int(),
  response_excerpt: z.string().nullable().describe("First ≤ 1 KiB of the receiver's response body"),
  error: z.string().nullable(),
  created_at: isoTimestamp,
}).meta({ id: "DeliveryAttempt" });

export const eventDeliveryOutput = z.object({
  webhook_endpoint_id: z.uuid(),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempt_count: z.number().int().describe("Attempts in the current run (reset by redeliver)"),
  next_attempt_at: isoTimestamp.nullable(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  succeeded_at: isoTimestamp.nullable(),
});

export const eventListItemOutput = eventOutput.extend({ deliveries: z.array(eventDeliveryOutput) });
export const eventDetailOutput = eventOutput.extend({
  deliveries: z.array(eventDeliveryOutput.extend({ attempts: z.array(deliveryAttemptOutput) })),
});
export type EventDetailOutput = z.infer<typeof eventDetailOutput>;

export const eventListOutput = z.object({ events: z.array(eventListItemOutput), ...paginationOutput });

export const listEventsQuery = z.object({
  type: anyEventType.optional(),
  since: isoDateFilter.optional().describe("created_at >= since"),
  until: isoDateFilter.optional().describe("created_at < until"),
  ...paginationQuery,
});
export type ListEventsQuery = z.output<typeof listEventsQuery>;

export const redeliverEventInput = z.strictObject({
  webhook_endpoint_id: z.uuid().optional().describe("Only this endpoint; default: every enabled endpoint subscribed to the type"),
});
export type RedeliverEventInput = z.output<typeof redeliverEventInput>;
