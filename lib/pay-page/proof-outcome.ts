// What became of an "I already paid" submission, carried in the redirect back to the page
// (`?proof=…`) so the result shows with or without JavaScript. Browser-safe: the mapping from
// domain errors lives with the form handler (lib/pay-page/proof-form-post.ts).
import type { Messages } from "@/lib/i18n/messages";

export const PROOF_OUTCOMES = ["accepted", "invalid", "conflict", "not_payable", "rate_limited", "error"] as const;
export type ProofOutcome = (typeof PROOF_OUTCOMES)[number];

export function parseProofOutcome(v: unknown): ProofOutcome | null {
  return typeof v === "string" && (PROOF_OUTCOMES as readonly string[]).includes(v) ? (v as ProofOutcome) : null;
}

export function proofOutcomeText(o: ProofOutcome, m: Messages): string {
  return {
    accepted: m.proofAccepted,
    invalid: m.proofInvalid,
    conflict: m.proofConflict,
    not_payable: m.proofNotPayable,
    rate_limited: m.proofRateLimited,
    error: m.proofError,
  }[o];
}
