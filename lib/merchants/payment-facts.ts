// What the dashboard says about one request's payment: its state, the transaction that stands (if
// any), whether it was simulated, what arrived, and where to look it up. A simulated payment's hash
// was made up by simulate_payment (lib/payments/simulate-payment.ts): it is shown as such and never
// linked to an explorer, where it would not exist.
import { explorerTxLink } from "@/lib/chains/config";
import type { PaymentRequest, Proof } from "@/lib/generated/prisma/client";
import { chainFor } from "@/lib/pay-page/load-pay-page";
import { paymentState, type PaymentState } from "./payment-state";

export interface PaymentFacts {
  state: PaymentState;
  txHash: string | null;
  simulated: boolean;
  /** USDC that arrived with the verified payment (overpayments included); null until then. */
  receivedMicro: bigint | null;
  verifiedAt: Date | null;
  network: string;
  explorerUrl: string | null;
}

export function paymentFacts(r: PaymentRequest, proofs: readonly Proof[], now: Date): PaymentFacts {
  const current = r.txHash ? (proofs.find((p) => p.txHash === r.txHash && p.outcome !== "rejected") ?? null) : null;
  const chain = chainFor(r.chainId, r.testMode);
  const simulated = current?.simulated ?? false;
  return {
    state: paymentState(r, proofs, now),
    txHash: r.txHash,
    simulated,
    receivedMicro: current?.outcome === "verified" ? current.receivedMicro : null,
    verifiedAt: r.proofVerifiedAt,
    network: chain.name,
    explorerUrl: r.txHash && !simulated ? explorerTxLink(chain, r.txHash) : null,
  };
}
