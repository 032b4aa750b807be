// Requests API output (seeds: requests-api "Response"), plus non-secret fields partners need
// (mode, payment mode, chain, FX snapshot, latest proof). Every Requests endpoint and every
// payment.* / request.* webhook returns exactly this object.
import { z } from "zod";
import { currencyCode, isoDateFilter, optionalText, paginationQuery, refuseControlCharacters, isoTimestamp } from "./common";
import { refundOutput } from "./refund";

export const proofOutput = z.object({
  tx_hash: z.string(),
  chain_id: z.number().int(),
  status: z.enum(["pending", "verified", "rejected"]),
  rejection_reason: z
    .string()
    .nullable()
    .describe(
      "Why a rejected proof was refused: reverted, no_matching_transfer, wrong_token, wrong_recipient, underpaid, " +
        "before_request, wrong_chain, not_found (no transaction with this hash appeared in time), superseded (another proof paid the request), " +
        "matches_other_request (the transfer carries another request's payment reference or exactly another open request's amount), " +
        "self_transfer (the merchant's wallet paid itself).",
    ),
  confirmations: z.number().int().nullable(),
  expected_usdc_micro: z.string(),
  received_usdc_micro: z.string().nullable(),
  overpaid_usdc_micro: z.string().nullable(),
  late: z.boolean(),
  simulated: z.boolean(),
  created_at: isoTimestamp,
  finalized_at: isoTimestamp
    .nullable()
    .describe("When a verified payment's block became final (no reorg can remove it any more); null until then."),
}).meta({ id: "Proof" });

export const requestOutput = z.object({
  request_id: z.uuid(),
  status: z.enum(["requested", "opened", "expired", "voided"]),
  proof_status: z.enum(["none", "attached", "verified"]),
  pay_page_url: z.string(),
  expires_at: isoTimestamp,
  created_at: isoTimestamp,
  proof_verified_at: isoTimestamp.nullable(),
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
  fx: z.object({ usd_per_unit: z.string(), source: z.string(), as_of: isoTimestamp }),
  proof: proofOutput.nullable(),
  receipt_url: z
    .string()
    .nullable()
    .describe(
      "Public URL of the payment's signed receipt (GET /api/v1/receipts/{id}, no key): set once the shown proof has been verified, " +
        "and kept after a reorg reverses it (the receipt then says `reversed`). Null before any verification. " +
        "(A payment verified before receipts existed has none: its URL answers 404.)",
    ),
  refunds: z
    .array(refundOutput)
    .describe("Refunds of the verified payment, oldest first (lib/refunds): every status, cancelled and rejected included. Empty when none."),
}).meta({ id: "Request" });
export type RequestOutput = z.infer<typeof requestOutput>;

// ---- Inputs ----
// Requests API inputs (seeds: requests-api "Request body", "Query parameters"). Limits are the
// seed's; idempotency_key's format is checked by the domain so that it can answer with its own
// code (400 invalid_idempotency_key) rather than validation_error.

export const MAX_FIAT_AMOUNT_INT = 2_147_483_647;
export const INVOICE_DEFAULT_EXPIRY_MINUTES = 10_080;

export const metadataInput = z
  .record(
    // Key messages read after "key " (see zodDetails).
    refuseControlCharacters(z.string().min(1, "must not be empty").max(40, "must be at most 40 characters")),
    // Values are the partner's free text (addresses, notes): multi-line like memo.
    refuseControlCharacters(z.string().max(500, "values must be at most 500 characters"), { multiline: true }),
  )
  .refine((m) => Object.keys(m).length <= 20, "at most 20 keys")
  .describe("String key/value pairs: max 20 keys, 40 chars per key, 500 chars per value.");

export const createRequestInput = z
  .strictObject({
    merchant_id: z.uuid("must be a UUID"),
    fiat_amount_int: z
      .number("must be an integer")
      .int("must be an integer")
      .positive("must be positive")
      .max(MAX_FIAT_AMOUNT_INT, `must be at most ${MAX_FIAT_AMOUNT_INT}`)
      .describe("Minor units of the merchant's currency (cents, paise, whole yen)."),
    fiat_currency_code: currencyCode.nullish().describe("Assertion, not an override: 400 currency_mismatch if it differs."),
    memo: optionalText(500, { multiline: true }),
    idempotency_key: z.string().nullish().describe("32–64 chars, base64url or hex. Scoped to (partner, merchant, key)."),
    metadata: metadataInput.nullish(),
    payment_mode: z.enum(["pos", "invoice"]).default("pos"),
    customer_name: optionalText(200),
    customer_email: z.email("must be an email address").max(254, "must be at most 254 characters").nullish(),
    customer_phone: optionalText(50),
    expiry_minutes: z.number("must be an integer").int("must be an integer").positive("must be positive").nullish(),
  })
  .superRefine((v, ctx) => {
    // seeds: "Invoice mode requires customer_name"
    if (v.payment_mode === "invoice" && !v.customer_name?.trim()) {
      ctx.addIssue({ code: "custom", path: ["customer_name"], message: "is required when payment_mode is invoice" });
    }
  });
export type CreateRequestInput = z.output<typeof createRequestInput>;
/** What callers of createRequest pass (defaults not yet applied). */
export type CreateRequestFields = z.input<typeof createRequestInput>;

export const listRequestsQuery = z.object({
  status: z.enum(["requested", "opened", "expired", "voided"]).optional(),
  proof_status: z.enum(["none", "attached", "verified"]).optional(),
  merchant_id: z.uuid("must be a UUID").optional(),
  since: isoDateFilter.optional().describe("created_at >= since"),
  until: isoDateFilter.optional().describe("created_at < until"),
  // Additions beside the seeds' parameters: reconciliation by verification time, and a position in
  // the list's fixed order (created_at, then id, newest first) that new requests cannot shift.
  proof_verified_since: isoDateFilter.optional().describe("proof_verified_at >= proof_verified_since (only verified requests)"),
  proof_verified_until: isoDateFilter.optional().describe("proof_verified_at < proof_verified_until (only verified requests)"),
  starting_after: z
    .uuid("must be a UUID")
    .optional()
    .describe("A request id from the previous page (its last item): the page continues right after it in the list's order"),
  ...paginationQuery,
});
export type ListRequestsQuery = z.output<typeof listRequestsQuery>;

export const cancelRequestInput = z.strictObject({}).describe("No body fields.");
