// One word for where a payment stands, as a shopkeeper says it (issue 19): the request's status and
// proof status are API values ("requested" / "verified"); the merchant sees "Paid", "Paid late",
// "Refused: underpaid". Derived from the request and all its proofs; `paymentStateWhere` is the
// same rule as a database filter, so the dashboard's filter and its badges can never disagree
// (test/merchant/dashboard-search.test.ts checks every state both ways).
import type { Prisma, PaymentRequest, Proof } from "@/lib/generated/prisma/client";

export const PAYMENT_STATES = ["waiting", "confirming", "paid", "paid_late", "paid_overpaid", "refused_underpaid", "expired", "cancelled", "reversed"] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export const isPaymentState = (v: unknown): v is PaymentState => typeof v === "string" && (PAYMENT_STATES as readonly string[]).includes(v);

/** Paid in one of its three ways: the money stands in the merchant's wallet. */
export const isPaid = (s: PaymentState) => s === "paid" || s === "paid_late" || s === "paid_overpaid";

export type StateRequest = Pick<PaymentRequest, "status" | "proofStatus" | "expiresAt" | "late">;
export type StateProof = Pick<Proof, "outcome" | "rejectionReason" | "overpaidMicro" | "reversedAt">;

export function paymentState(r: StateRequest, proofs: readonly StateProof[], now: Date): PaymentState {
  if (r.proofStatus === "verified") {
    // Overpaid before late: a surplus is money the merchant may have to give back.
    if (proofs.some((p) => p.outcome === "verified" && (p.overpaidMicro ?? 0n) > 0n)) return "paid_overpaid";
    return r.late ? "paid_late" : "paid";
  }
  if (r.proofStatus === "attached") {
    // A reorg took a verified payment away; its proof waits to be mined again (reverse-payment.ts).
    return proofs.some((p) => p.outcome === "pending" && p.reversedAt !== null) ? "reversed" : "confirming";
  }
  if (r.status === "voided") return "cancelled";
  // An underpayment is real money in the merchant's wallet that did not settle the request: it
  // stays the headline after the request expires, or after a later, unrelated refusal.
  if (proofs.some((p) => p.outcome === "rejected" && p.rejectionReason === "underpaid")) return "refused_underpaid";
  // Past its expiry the request is expired even before the sweeper marks it (as the pay page says).
  if (r.status === "expired" || r.expiresAt <= now) return "expired";
  return "waiting";
}

const underpaid: Prisma.ProofWhereInput = { outcome: "rejected", rejectionReason: "underpaid" };
const overpaid: Prisma.ProofWhereInput = { outcome: "verified", overpaidMicro: { gt: 0n } };
const reversedPending: Prisma.ProofWhereInput = { outcome: "pending", reversedAt: { not: null } };
const openNone: Prisma.PaymentRequestWhereInput = { proofStatus: "none", status: { not: "voided" }, proofs: { none: underpaid } };

/** The requests whose paymentState(…, now) is `state`, as a Prisma filter. */
export function paymentStateWhere(state: PaymentState, now: Date): Prisma.PaymentRequestWhereInput {
  switch (state) {
    case "paid_overpaid":
      return { proofStatus: "verified", proofs: { some: overpaid } };
    case "paid_late":
      return { proofStatus: "verified", late: true, proofs: { none: overpaid } };
    case "paid":
      return { proofStatus: "verified", late: false, proofs: { none: overpaid } };
    case "reversed":
      return { proofStatus: "attached", proofs: { some: reversedPending } };
    case "confirming":
      return { proofStatus: "attached", proofs: { none: reversedPending } };
    case "cancelled":
      return { proofStatus: "none", status: "voided" };
    case "refused_underpaid":
      return { proofStatus: "none", status: { not: "voided" }, proofs: { some: underpaid } };
    case "expired":
      return { ...openNone, OR: [{ status: "expired" }, { expiresAt: { lte: now } }] };
    case "waiting":
      return { ...openNone, status: { in: ["requested", "opened"] }, expiresAt: { gt: now } };
  }
}
