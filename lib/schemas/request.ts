// Requests API output (seeds: requests-api "Response"), plus non-secret fields partners need
// (mode, payment mode, chain, FX snapshot, latest proof). Every Requests endpoint and every
// payment.* / request.* webhook returns exactly this object.
import { z } from "zod";

export const proofOutput = z.object({
  tx_hash: z.string(),
  chain_id: z.number().int(),
  status: z.enum(["pending", "verified", "rejected"]),
  rejection_reason: z.string().nullable(),
  confirmations: z.number().int().nullable(),
  expected_usdc_micro: z.string(),
  received_usdc_micro: z.string().nullable(),
  overpaid_usdc_micro: z.string().nullable(),
  late: z.boolean(),
  simulated: z.boolean(),
  created_at: z.string(),
});

export const requestOutput = z.object({
  request_id: z.uuid(),
  status: z.enum(["requested", "opened", "expired", "voided"]),
  proof_status: z.enum(["none", "attached", "verified"]),
  pay_page_url: z.string(),
  expires_at: z.string(),
  created_at: z.string(),
  proof_verified_at: z.string().nullable(),
  tx_hash: z.string().nullable(),
  amount: z.object({
    fiat_int: z.number().int(),
    fiat_code: z.string(),
    /** Micro-units as a decimal string (6 decimals). */
    usdc_micro: z.string(),
  }),
  merchant_id: z.uuid(),
  metadata: z.record(z.string(), z.string()),
  test_mode: z.boolean(),
  payment_mode: z.enum(["pos", "invoice"]),
  memo: z.string().nullable(),
  customer_name: z.string().nullable(),
  customer_email: z.string().nullable(),
  customer_phone: z.string().nullable(),
  late: z.boolean(),
  chain: z.object({ chain_id: z.number().int(), usdc_contract: z.string(), receiving_wallet: z.string() }),
  fx: z.object({ usd_per_unit: z.string(), source: z.string(), as_of: z.string() }),
  proof: proofOutput.nullable(),
});
export type RequestOutput = z.infer<typeof requestOutput>;
