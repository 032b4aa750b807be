// Test mode's payment simulator (SPEC §5): attaches a synthetic proof marked simulated and settles
// it through the same attach and settle functions as a real payment, so partners see the same
// state changes, events and webhooks without a chain.
import { randomBytes } from "node:crypto";
import { ApiError } from "@/lib/errors";
import { findRequestOrNotFound, type TenantScope } from "@/lib/tenancy";
import { db } from "@/lib/db";
import type { PaymentRequest, Proof } from "@/lib/generated/prisma/client";
import type { SimulatePaymentInput } from "@/lib/schemas/proof";
import { attachProof } from "./attach-proof";
import { settleProof, type FinalVerdict } from "./settle-proof";

export async function simulatePayment(
  scope: TenantScope,
  requestId: string,
  input: SimulatePaymentInput,
): Promise<{ request: PaymentRequest; proof: Proof }> {
  // Live objects can never be "paid" without a chain.
  if (!scope.testMode) throw new ApiError("test_mode_only");
  await findRequestOrNotFound(scope, requestId);

  const { proof } = await attachProof({
    requestId,
    txHash: `0x${randomBytes(32).toString("hex")}`,
    source: "simulated",
    scope,
    simulated: true,
  });
  const expected = proof.expectedMicro;
  const verdict: FinalVerdict =
    input.outcome === "underpaid"
      ? { kind: "rejected", reason: "underpaid", receivedMicro: expected / 2n, block: null }
      : { kind: "verified", receivedMicro: expected, overpaidMicro: 0n, late: input.outcome === "late", block: null };
  const settled = await db.$transaction((tx) => settleProof(tx, proof, verdict, null));
  // Only null if something else settled this brand-new proof first, which nothing else may do.
  if (!settled) throw new Error("simulated proof was settled concurrently");
  return settled;
}
