// Operations for proofs and test-mode simulation (SPEC §5).
import { attachProofInput, simulatePaymentInput } from "@/lib/schemas/proof";
import { requestOutput } from "@/lib/schemas/request";
import { defineOperations } from "./operation";

export const proofOperations = defineOperations({
  attachProof: {
    method: "post",
    path: "/api/v1/requests/{id}/proof",
    summary: "Attach a transaction as payment proof",
    tag: "Requests",
    scope: "requests:write",
    body: attachProofInput,
    response: requestOutput,
    description:
      "Offers a transaction hash (any case; stored lower-cased) as the payment of a request. The first attach moves proof_status to attached and emits payment.proof_attached; verification against the chain follows asynchronously (payment.proof_verified or payment.proof_rejected). Re-attaching the same hash to the same request is an idempotent 200. An expired request still accepts a proof: a payment mined after expires_at verifies with late: true.",
    errors: ["not_found", "proof_conflict", "request_not_payable", "too_many_proofs"],
    example: { body: { tx_hash: `0x${"4e3a".repeat(16)}` } },
  },
  simulatePayment: {
    method: "post",
    path: "/api/v1/requests/{id}/simulate_payment",
    summary: "Simulate a payment (test mode only)",
    description: "Drives the request through the same state changes, events and webhooks as a real payment, with a proof marked simulated. Test-mode keys only.",
    tag: "Requests",
    scope: "requests:write",
    testModeOnly: true,
    body: simulatePaymentInput,
    response: requestOutput,
    errors: ["not_found", "test_mode_only", "request_not_payable", "too_many_proofs"],
    example: { body: { outcome: "paid" } },
  },
});
