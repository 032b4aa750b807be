// Webhook event types (SPEC §7; the first two are named in the seeds).
export const EVENT_TYPES = [
  "payment.proof_attached",
  "payment.proof_verified",
  "payment.proof_rejected",
  "request.expired",
  "request.voided",
  "merchant.onboarding_completed",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
