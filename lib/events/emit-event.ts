// The transactional outbox: an event row is written with the same transaction client as the state
// change that causes it, so an event exists iff its change committed (SPEC §6, §7).
import { type Tx, Prisma } from "@/lib/db";
import { eventId } from "@/lib/ids";
import { currentRequestId } from "@/lib/request-context";
import type { WebhookReceipt } from "@/lib/schemas/receipt";
import type { RefundOutput } from "@/lib/schemas/refund";
import { publishEvent } from "@/lib/webhooks/publish";
import { isTargetedOnlyType, type EventType } from "./event-types";

export interface EmitEventInput {
  partnerId: string;
  testMode: boolean;
  type: EventType;
  /** The same object the REST API returns for the subject (request or merchant), metadata included. */
  data: Record<string, unknown>;
  requestId?: string;
  merchantId?: string;
  /**
   * Deliver to this one endpoint of the partner and mode only (subscriptions ignored), instead of
   * fanning out. Required for webhook.test (event-types.ts), which must never reach other endpoints.
   */
  targetEndpointId?: string;
  /** payment.proof_verified / payment.reversed: the payment's signed receipt, beside `data` (lib/receipts). */
  receipt?: WebhookReceipt;
  /** payment.refunded / payment.refund_reversed / refund.requested: the refund the event is about, beside `data` (lib/refunds). */
  refund?: RefundOutput;
}

export async function emitEvent(tx: Tx, input: EmitEventInput) {
  if (isTargetedOnlyType(input.type) && !input.targetEndpointId) throw new Error(`${input.type} events need a targetEndpointId`);
  const id = eventId();
  const createdAt = new Date();
  const payload = {
    id,
    type: input.type,
    created_at: createdAt.toISOString(),
    test_mode: input.testMode,
    data: input.data,
    ...(input.receipt ? { receipt: input.receipt } : {}),
    ...(input.refund ? { refund: input.refund } : {}),
  };
  const event = await tx.event.create({
    data: {
      id,
      partnerId: input.partnerId,
      testMode: input.testMode,
      type: input.type,
      payload: payload as Prisma.InputJsonObject,
      requestId: input.requestId,
      merchantId: input.merchantId,
      // The API call that caused it, for the delivery worker's log lines (lib/request-context.ts).
      apiRequestId: currentRequestId() ?? null,
      createdAt,
      // Deliveries are fanned out right here, in the same transaction (lib/webhooks/publish.ts).
      dispatchedAt: createdAt,
    },
  });
  await publishEvent(tx, event, createdAt, input.targetEndpointId);
  return event;
}
