// Operations of refunds (lib/refunds/): the partner asks for a refund of a verified payment, which
// the merchant then approves and sends from its own wallet in the dashboard; test mode can settle
// one without a chain.
import { z } from "zod";
import { refundListOutput, refundOutput, createRefundApiInput } from "@/lib/schemas/refund";
import { requestOutput } from "@/lib/schemas/request";
import { EXAMPLE_WALLET } from "./example-values";
import { defineOperations } from "./operation";
import { idempotencyKeyHeader } from "./requests";

const replayFlag = z.object({ idempotent_replay: z.literal(true).optional().describe("Present (true) when the idempotency key matched a refund created before.") });

export const refundOperations = defineOperations({
  createRefundRequest: {
    method: "post",
    path: "/api/v1/requests/{id}/refunds",
    summary: "Ask for a refund of a verified payment",
    description:
      "Records a refund of the request's verified payment (late and overpaid payments included) in status `requested`, and emits `refund.requested`. " +
      "The merchant approves or declines it in its dashboard; once approved, its wallet sends the USDC (JoPay never holds keys) and JoPay verifies " +
      "the transfer on chain like a payment: `payment.refunded` follows. `amount_usdc_micro` defaults to everything still refundable; the refunds of a " +
      "payment that are not cancelled or rejected never exceed what it received (409 `refund_exceeds_received`, with `refundable_usdc_micro`). " +
      "201 for a new refund; 200 with `idempotent_replay: true` when the idempotency key (body `idempotency_key` or the `Idempotency-Key` header) matched one.",
    tag: "Refunds",
    scope: "requests:write",
    body: createRefundApiInput,
    bodyHeaders: [idempotencyKeyHeader],
    response: z.intersection(refundOutput, replayFlag),
    successStatus: 201,
    alsoStatuses: [200],
    errors: ["not_found", "invalid_idempotency_key", "request_not_refundable", "refund_exceeds_received"],
    example: { body: { amount_usdc_micro: "1", reason: "Item returned", to_address: EXAMPLE_WALLET } },
  },
  listRequestRefunds: {
    method: "get",
    path: "/api/v1/requests/{id}/refunds",
    summary: "List a request's refunds",
    description: "Every refund of the request, oldest first, in every status (the same list as the request object's `refunds`).",
    tag: "Refunds",
    scope: "requests:read",
    response: refundListOutput,
    errors: ["not_found"],
  },
  simulateRefund: {
    method: "post",
    path: "/api/v1/requests/{id}/refunds/{refund_id}/simulate",
    summary: "Simulate a refund (test mode only)",
    description:
      "Settles a `requested` or `awaiting_transfer` refund as verified without a chain (as if the merchant approved and sent it), with `simulated: true`: " +
      "the same state change and `payment.refunded` webhook as a real one. Answers the request object with its `refunds`. Test-mode keys only.",
    tag: "Refunds",
    scope: "requests:write",
    testModeOnly: true,
    response: requestOutput,
    errors: ["not_found", "test_mode_only", "refund_wrong_state"],
  },
});
