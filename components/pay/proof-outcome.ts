// What became of an "I already paid" submission, carried in the redirect back to the page
// (`?proof=…`) so the result shows with or without JavaScript.
import { isApiError } from "@/lib/api/errors";
import type { Messages } from "@/lib/i18n/messages";

export const PROOF_OUTCOMES = ["accepted", "invalid", "conflict", "not_payable", "rate_limited", "error"] as const;
export type ProofOutcome = (typeof PROOF_OUTCOMES)[number];

/** `txHash`: what was submitted — a request already paid by that very transaction counts as accepted. */
export function proofOutcomeFromError(err: unknown, txHash = ""): ProofOutcome {
  if (!isApiError(err)) return "error";
  const current = (err.extra.request as { tx_hash?: string | null } | undefined)?.tx_hash;
  if (err.code === "request_not_payable" && current && current === txHash.toLowerCase()) return "accepted";
  switch (err.code) {
    case "validation_error":
      return "invalid";
    case "proof_conflict":
      return "conflict";
    case "request_not_payable":
    case "not_found":
      return "not_payable";
    case "rate_limited":
      return "rate_limited";
    default:
      return "error";
  }
}

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
