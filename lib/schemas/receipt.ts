// Payment receipts (lib/receipts/): the signed claims, the public receipt endpoint's answer, the
// JWKS and the `receipt` object of the payment.proof_verified / payment.reversed webhooks.
import { z } from "zod";
import { isoTimestamp } from "./common";
import { STORED_ADDRESS_RE } from "./hex";

const micro = z.string().regex(/^[0-9]+$/).describe("USDC micro-units (6 decimals) as a decimal string.");
const address = z.string().regex(STORED_ADDRESS_RE);

export const RECEIPT_JWS_TYP = "jopay-receipt+jwt";

export const receiptTransfer = z.object({
  log_index: z.number().int().nullable().describe("The Transfer log's index in its block."),
  from: address.describe("The address whose USDC moved (the Transfer log's `from`)."),
  usdc_micro: micro,
});

/** What the JWS payload says. Numbers that can exceed 2^53 (block numbers, amounts) are decimal strings. */
export const receiptClaims = z
  .object({
    iss: z.string().describe("JoPay's public base URL (APP_URL)."),
    sub: z.uuid().describe("The payment request's id (= request_id)."),
    jti: z.uuid().describe("This receipt's id (= receipt_id)."),
    iat: z.number().int().describe("Issued at, Unix seconds: the moment the payment was verified."),
    receipt_id: z.uuid(),
    request_id: z.uuid(),
    merchant_id: z.uuid().describe("The merchant's id as the partner API returns it."),
    mode: z.enum(["live", "test"]),
    simulated: z.boolean().describe("true: a test-mode simulated payment (simulate_payment) — no chain, no transaction."),
    amount: z.object({
      fiat_int: z.number().int().describe("The requested amount in the currency's minor units."),
      fiat_code: z.string().describe("ISO 4217 code of the requested amount."),
    }),
    expected_usdc_micro: micro.describe("What the request asked for in USDC."),
    received_usdc_micro: micro.describe("What the recipient received in this transaction (≥ expected)."),
    chain_id: z.number().int(),
    token_contract: address.describe("The USDC contract whose Transfer logs were counted."),
    tx_hash: z.string().describe("The paying transaction (for a simulated payment: made up, on no chain)."),
    log_index: z.number().int().nullable().describe("The first credited Transfer log's index; null when simulated."),
    block_number: z.string().regex(/^[0-9]+$/).nullable(),
    block_hash: z.string().nullable(),
    block_time: isoTimestamp.nullable(),
    payer: address.nullable().describe("The first credited Transfer's `from`; null when simulated."),
    recipient: address.describe("The merchant's receiving wallet."),
    transfers: z.array(receiptTransfer).describe("Every Transfer credited to the recipient in the transaction (a split payment has several)."),
    late: z.boolean().describe("Mined after the request's expiry."),
    verified_at: isoTimestamp,
  })
  .meta({ id: "ReceiptClaims" });
export type ReceiptClaims = z.infer<typeof receiptClaims>;

export const receiptStatus = z
  .enum(["verified", "final", "reversed"])
  .describe(
    "verified: the payment stands but its block is not final yet; final: no reorg can remove it any more; " +
      "reversed: a reorg removed it after this receipt was signed (the signature stays valid: it attests what was verified, not that it still stands).",
  );

export const receiptSummary = z.object({
  receipt_id: z.uuid(),
  status: receiptStatus,
  issued_at: isoTimestamp,
  reversed_at: isoTimestamp.nullable(),
  kid: z.string(),
  jws: z.string().describe("The compact JWS (EdDSA / Ed25519)."),
});

export const receiptOutput = receiptSummary
  .extend({
    request_id: z.uuid(),
    url: z.string().describe("This receipt's stable public URL."),
    jwks_url: z.string().describe("The public keys that verify it."),
    finalized_at: isoTimestamp.nullable(),
    header: z.object({ alg: z.literal("EdDSA"), kid: z.string(), typ: z.literal(RECEIPT_JWS_TYP) }),
    claims: receiptClaims,
    previous: z.array(receiptSummary).describe("Earlier receipts of this request, newest first: each attests a verification a reorg later reversed."),
  })
  .meta({ id: "Receipt" });
export type ReceiptOutput = z.infer<typeof receiptOutput>;

export const receiptJwksOutput = z.object({
  keys: z.array(
    z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string(), kid: z.string(), alg: z.literal("EdDSA"), use: z.literal("sig") }),
  ),
});

/** The `receipt` beside `data` in payment.proof_verified and payment.reversed webhooks. */
export const webhookReceipt = z
  .object({
    receipt_id: z.uuid(),
    url: z.string(),
    status: receiptStatus,
    kid: z.string(),
    jws: z.string(),
  })
  .describe("The payment's signed receipt (see the Receipts docs): verify `jws` offline against the JWKS.")
  .meta({ id: "WebhookReceipt" });
export type WebhookReceipt = z.infer<typeof webhookReceipt>;
