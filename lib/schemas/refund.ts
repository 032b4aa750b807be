// Refunds (lib/refunds/): the Refund object every request carries in `refunds[]`, the partner's
// POST /api/v1/requests/{id}/refunds input and the list answer.
import { z } from "zod";
import { evmAddress, isoTimestamp, optionalText } from "./common";

export const REFUND_STATUSES = ["requested", "awaiting_transfer", "submitted", "verified", "rejected", "cancelled"] as const;

/** Why a submitted refund was refused (lib/refunds/verify-refund-transfer.ts, plus not_found). */
export const REFUND_REJECTION_REASONS = ["reverted", "wrong_token", "wrong_recipient", "wrong_sender", "amount_mismatch", "before_refund", "wrong_chain", "not_found"] as const;

export const refundOutput = z
  .object({
    refund_id: z.uuid(),
    status: z
      .enum(REFUND_STATUSES)
      .describe(
        "requested (asked for by the partner, waiting for the merchant's approval), awaiting_transfer (approved: the merchant's wallet must send it), " +
          "submitted (a tx hash is attached; being verified on chain), verified, rejected (see rejection_reason), cancelled (declined or withdrawn).",
      ),
    amount_usdc_micro: z.string().describe("USDC micro-units (6 decimals) as a decimal string."),
    to_address: z.string().describe("Where the refund goes: the payer's address by default."),
    tx_hash: z.string().nullable(),
    reason: z.string().nullable(),
    initiated_by: z.enum(["merchant", "partner"]),
    rejection_reason: z
      .string()
      .nullable()
      .describe(
        "Why the refund's transaction was refused: reverted, wrong_token, wrong_recipient, wrong_sender (not sent from the wallet the payment went to), " +
          "amount_mismatch, before_refund (mined before the refund was created), wrong_chain, not_found (no transaction with this hash appeared in time).",
      ),
    simulated: z.boolean().describe("Test mode: settled by POST …/refunds/{refund_id}/simulate, never sent on chain."),
    created_at: isoTimestamp,
    verified_at: isoTimestamp.nullable(),
    finalized_at: isoTimestamp.nullable().describe("When the refund's block became final (no reorg can remove it any more); null until then."),
  })
  .meta({ id: "Refund" });
export type RefundOutput = z.infer<typeof refundOutput>;

/** USDC micro-units as a decimal string: positive, no sign, no leading zeros. */
const microAmount = z.string().regex(/^[1-9][0-9]{0,17}$/, "must be a positive whole number of micro-units as a string, e.g. \"2500000\"");

export const createRefundApiInput = z.strictObject({
  amount_usdc_micro: microAmount.optional().describe("Default: everything still refundable (received minus the refunds not cancelled or rejected)."),
  reason: optionalText(500, { multiline: true }),
  to_address: evmAddress
    .nullish()
    .describe(
      "Where to send it. Default: the payer (the sender of the verified transfer); required when the payment has none (a simulated payment). " +
        "When the payer is known, only the payer's own address is accepted here (the merchant may choose another in its dashboard).",
    ),
  idempotency_key: z.string().nullish().describe("32–64 chars, base64url or hex. A repeat with the same key returns the refund it created."),
});
export type CreateRefundApiInput = z.output<typeof createRefundApiInput>;

export const refundListOutput = z.object({ refunds: z.array(refundOutput) });
