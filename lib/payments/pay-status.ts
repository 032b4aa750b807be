// The pay page's public view of a request (lib/schemas/pay-status.ts).
import { db } from "@/lib/db";
import { assertIdShape, notFound } from "@/lib/tenancy";
import type { PaymentRequest, Proof } from "@/lib/generated/prisma/client";
import { payStatusOutput, type PayStatusOutput } from "@/lib/schemas/pay-status";
import { latestProof } from "./latest-proof";

export function serializePayStatus(r: PaymentRequest, proof: Proof | null): PayStatusOutput {
  const rejected = proof && proof.outcome === "rejected" && r.proofStatus === "none" ? proof : null;
  return payStatusOutput.parse({
    request_id: r.id,
    status: r.status,
    proof_status: r.proofStatus,
    tx_hash: r.txHash,
    expires_at: r.expiresAt.toISOString(),
    proof_verified_at: r.proofVerifiedAt ? r.proofVerifiedAt.toISOString() : null,
    late: r.late,
    test_mode: r.testMode,
    // The proof the page shows (verified, or the rejected one it explains) is the simulator's.
    simulated: proof?.simulated ?? false,
    amount: { fiat_int: r.fiatAmountInt, fiat_code: r.fiatCode, usdc_micro: r.usdcMicro.toString() },
    chain_id: r.chainId,
    rejection: rejected
      ? {
          tx_hash: rejected.txHash,
          reason: rejected.rejectionReason ?? "rejected",
          expected_usdc_micro: rejected.expectedMicro.toString(),
          received_usdc_micro: rejected.receivedMicro === null ? null : rejected.receivedMicro.toString(),
        }
      : null,
  });
}

/** Public: anyone holding the (unguessable, UUIDv7-with-random-bits) request id may read this. */
export async function getPayStatus(requestId: string): Promise<PayStatusOutput> {
  assertIdShape(requestId);
  const request = await db.paymentRequest.findUnique({ where: { id: requestId } });
  if (!request) throw notFound();
  return serializePayStatus(request, await latestProof(request.id));
}
