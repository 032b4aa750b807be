// Webhook event types (SPEC §7; the first two are named in the seeds).

/** Types caused by state changes: fanned out to every enabled endpoint subscribed to them. */
export const EVENT_TYPES = [
  "payment.proof_attached",
  "payment.proof_verified",
  "payment.proof_rejected",
  // A verified payment vanished from the chain (a reorg) before its block was final.
  "payment.reversed",
  // Refunds (lib/refunds/): verified on chain; removed again by a reorg; asked for by the partner.
  "payment.refunded",
  "payment.refund_reversed",
  "refund.requested",
  "request.expired",
  "request.voided",
  "merchant.onboarding_completed",
  // The merchant changed its payout wallet (signed by the new wallet); open requests keep theirs.
  "merchant.wallet_changed",
] as const;

/**
 * "Send test event" (API POST /webhook_endpoints/:id/test, console button). Delivered ONLY to the
 * chosen endpoint, never fanned out to the partner's other endpoints — whatever they subscribe to —
 * and not subscribable: emitEvent refuses it without a targetEndpointId, and redelivery keeps it on
 * the endpoint it was sent to. Otherwise signed, delivered, logged and listed like any event.
 */
export const TEST_EVENT_TYPE = "webhook.test";

/** Every type an event can have (GET /events filters and payloads); EVENT_TYPES for subscriptions. */
export const ALL_EVENT_TYPES = [...EVENT_TYPES, TEST_EVENT_TYPE] as const;

export type EventType = (typeof ALL_EVENT_TYPES)[number];

/** Types that go to one named endpoint only. */
export const isTargetedOnlyType = (type: string) => type === TEST_EVENT_TYPE;
