// The shopkeeper's word for a payment, for every combination of request and proofs that can occur,
// and that it never contradicts what the customer's pay page says about the same request.
import { describe, expect, it } from "vitest";
import { phaseOf, type Phase } from "@/components/pay/phase";
import type { PayStatusOutput } from "@/lib/schemas/pay-status";
import { isPaid, PAYMENT_STATES, paymentState, type PaymentState, type StateProof, type StateRequest } from "./payment-state";

const NOW = new Date("2026-03-14T12:00:00Z");
const LATER = new Date("2026-03-14T13:00:00Z");
const EARLIER = new Date("2026-03-14T11:00:00Z");

const req = (over: Partial<StateRequest> = {}): StateRequest => ({ status: "opened", proofStatus: "none", expiresAt: LATER, late: false, ...over });
const proof = (over: Partial<StateProof> = {}): StateProof => ({ outcome: "pending", rejectionReason: null, overpaidMicro: null, reversedAt: null, ...over });
const verified = (overpaidMicro = 0n) => proof({ outcome: "verified", overpaidMicro });
const rejected = (reason: string) => proof({ outcome: "rejected", rejectionReason: reason });

// [what happened, request, proofs, the merchant's state, the customer's pay-page phase]
const CASES: [string, StateRequest, StateProof[], PaymentState, Phase][] = [
  ["new, not yet opened", req({ status: "requested" }), [], "waiting", "waiting"],
  ["opened, a wrong-token tx refused", req(), [rejected("wrong_token")], "waiting", "waiting"],
  ["a tx attached, confirming", req({ proofStatus: "attached" }), [proof()], "confirming", "seen"],
  ["a tx attached after expiry, still confirming", req({ status: "expired", proofStatus: "attached", expiresAt: EARLIER }), [proof()], "confirming", "seen"],
  ["paid exactly", req({ proofStatus: "verified" }), [verified()], "paid", "confirmed"],
  ["paid, an earlier attempt refused", req({ proofStatus: "verified" }), [rejected("underpaid"), verified()], "paid", "confirmed"],
  ["paid after expiry", req({ status: "expired", proofStatus: "verified", late: true, expiresAt: EARLIER }), [verified()], "paid_late", "confirmed"],
  ["paid too much", req({ proofStatus: "verified" }), [verified(1_250_000n)], "paid_overpaid", "confirmed"],
  ["paid too much and late: the surplus is the headline", req({ proofStatus: "verified", late: true }), [verified(1n)], "paid_overpaid", "confirmed"],
  ["underpaid and refused, still open", req(), [rejected("underpaid")], "refused_underpaid", "waiting"],
  ["underpaid, then a wrong-chain tx refused", req(), [rejected("underpaid"), rejected("wrong_chain")], "refused_underpaid", "waiting"],
  ["underpaid, then expired", req({ status: "expired", expiresAt: EARLIER }), [rejected("underpaid")], "refused_underpaid", "expired"],
  ["expired by the sweeper", req({ status: "expired", expiresAt: EARLIER }), [], "expired", "expired"],
  ["past expiry before the sweeper ran", req({ status: "opened", expiresAt: EARLIER }), [], "expired", "expired"],
  ["expiring this very millisecond", req({ expiresAt: NOW }), [], "expired", "expired"],
  ["cancelled", req({ status: "voided" }), [], "cancelled", "voided"],
  ["cancelled after an underpayment", req({ status: "voided" }), [rejected("underpaid")], "cancelled", "voided"],
  ["reversed by a reorg, waiting to be mined again", req({ proofStatus: "attached" }), [proof({ reversedAt: EARLIER })], "reversed", "seen"],
  ["reversed, then verified again", req({ proofStatus: "verified" }), [proof({ outcome: "verified", overpaidMicro: 0n, reversedAt: EARLIER })], "paid", "confirmed"],
];

/** The pay page's view of the same request (only the fields phaseOf reads matter). */
const payStatus = (r: StateRequest) => ({ status: r.status, proof_status: r.proofStatus, expires_at: r.expiresAt.toISOString() }) as PayStatusOutput;

/** What each pay-page phase allows the merchant to be told. */
const AGREES: Record<Phase, PaymentState[]> = {
  waiting: ["waiting", "refused_underpaid"],
  seen: ["confirming", "reversed"],
  confirmed: ["paid", "paid_late", "paid_overpaid"],
  expired: ["expired", "refused_underpaid"],
  voided: ["cancelled"],
};

describe("paymentState", () => {
  it.each(CASES)("%s → %s", (_what, r, proofs, state) => {
    expect(paymentState(r, proofs, NOW)).toBe(state);
  });

  it("covers every state", () => {
    expect(new Set(CASES.map((c) => c[3]))).toEqual(new Set(PAYMENT_STATES));
  });

  it.each(CASES)("%s: agrees with what the pay page shows the customer", (_what, r, proofs, state, phase) => {
    expect(phaseOf(payStatus(r), NOW.getTime())).toBe(phase);
    expect(AGREES[phase]).toContain(state);
    // Paid on one side exactly when confirmed on the other.
    expect(isPaid(state)).toBe(phase === "confirmed");
  });
});
