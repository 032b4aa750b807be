// What the customer is told, derived from the public status (GET /api/pay/:id). Shared by the
// server render and the polling client so both always agree.
import type { PayStatusOutput } from "@/lib/schemas/pay-status";

export type Phase = "waiting" | "seen" | "confirmed" | "expired" | "voided";

export function phaseOf(s: PayStatusOutput, nowMs: number): Phase {
  // A verified request never expires (SPEC §6), even a late one.
  if (s.proof_status === "verified") return "confirmed";
  if (s.status === "voided") return "voided";
  if (s.proof_status === "attached") return "seen";
  if (s.status === "expired" || Date.parse(s.expires_at) <= nowMs) return "expired";
  return "waiting";
}

/** Nothing more can happen: stop polling. Expired is not final: a late payment may still verify. */
export const isFinal = (p: Phase) => p === "confirmed" || p === "voided";

/** How often to poll in a phase (ms). */
export const pollInterval = (p: Phase) => (p === "expired" ? 10_000 : 2_000);

/**
 * The next poll after `failures` failed polls in a row: the phase's interval doubled per failure,
 * at most 30 s, so an outage is not hammered by every open pay page and the page recovers by itself.
 */
export const retryInterval = (p: Phase, failures: number) => Math.min(30_000, pollInterval(p) * 2 ** Math.min(failures, 10));

/** After this many failed polls in a row the page says it is reconnecting. */
export const RECONNECTING_AFTER_FAILURES = 2;

/** Window event the wallet flow fires after attaching its proof, so the status polls at once. */
export const PROOF_SENT_EVENT = "jopay:proof-sent";
