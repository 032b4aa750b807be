// Webhook event types (SPEC §7; the first two are named in the seeds).
export const EVENT_TYPES = [
  "payment.proof_attached",
  "payment.proof_verified",
  "payment.proof_rejected",
  "request.expired",
  "request.voided",
  "merchant.onboarding_completed",
  // The merchant changed its payout wallet (signed by the new wallet); open requests keep theirs.
  "merchant.wallet_changed",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
