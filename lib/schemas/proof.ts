// Proof inputs (SPEC §5: POST /api/v1/requests/:id/proof, POST /api/pay/:id/proof) and the
// test-mode simulate_payment input.
import { z } from "zod";
import { HASH_RE } from "./hex";

/** 0x + 64 hex; compared and stored lower-cased so one tx cannot be offered twice by changing case. */
export const txHash = z
  .string()
  .regex(HASH_RE, "must be a transaction hash: 0x followed by 64 hex characters")
  .transform((h) => h.toLowerCase());

// Strict like every other body: a misspelt field (`txhash`, `chainId`) is a 400 naming it, not ignored.
export const attachProofInput = z.strictObject({
  tx_hash: txHash,
  /** Optional assertion: must equal the request's chain. */
  chain_id: z.number().int().positive().optional(),
});
export type AttachProofInput = z.infer<typeof attachProofInput>;

export const simulatePaymentInput = z.strictObject({
  outcome: z.enum(["paid", "underpaid", "late"]),
});
export type SimulatePaymentInput = z.infer<typeof simulatePaymentInput>;
