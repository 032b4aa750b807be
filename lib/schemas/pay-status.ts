// GET /api/pay/:id — what the public pay page polls for live updates. Public and unauthenticated,
// so deliberately narrow: no metadata, no customer details, no partner configuration.
import { z } from "zod";

export const payStatusOutput = z.object({
  request_id: z.uuid(),
  status: z.enum(["requested", "opened", "expired", "voided"]),
  proof_status: z.enum(["none", "attached", "verified"]),
  tx_hash: z.string().nullable(),
  expires_at: z.string(),
  proof_verified_at: z.string().nullable(),
  late: z.boolean(),
  test_mode: z.boolean(),
  /** The shown transaction is a test-mode simulation (simulate_payment): no funds moved, no chain has it. */
  simulated: z.boolean(),
  amount: z.object({ fiat_int: z.number().int(), fiat_code: z.string(), usdc_micro: z.string() }),
  chain_id: z.number().int(),
  /** Why the last proof was rejected, so the customer can see what went wrong; null otherwise. */
  rejection: z
    .object({
      tx_hash: z.string(),
      reason: z.string(),
      expected_usdc_micro: z.string(),
      received_usdc_micro: z.string().nullable(),
    })
    .nullable(),
});
export type PayStatusOutput = z.infer<typeof payStatusOutput>;
