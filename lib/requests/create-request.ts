// Creating a payment request — the one path for the partner API, the merchant dashboard and the
// admin "create on behalf" button (STYLE). The context says for whom (partner, mode) and from where.
//
// Order matters and follows the seeds: the merchant is looked up within the tenant first (another
// partner's or mode's merchant is a plain 404); a replay of a known idempotency key returns the
// original unchanged before any other check ("your new values are silently ignored"); then the
// merchant's state, the currency assertion, the expiry, the FX rate; then one transaction that
// picks a free amount tag for the receiving wallet (SPEC §6) and inserts. Concurrent creates
// with one key meet at the unique index (partner, merchant, idempotency key): one row, N answers.
//
// Plain SQL (lib/db/sql.ts), not Prisma: this is the API's busiest write, and Prisma's per-query
// CPU made it a quarter as fast (bench:api). The merchant and a replay are one read; the insert
// transaction is pick a free amount tag (locking that amount), insert (+ audit for console callers).
import { ApiError } from "@/lib/api/errors";
import { assertIdShape, notFound, tenantParams, tenantSql } from "@/lib/api/tenant";
import { recordAuditFor, type AuditFor } from "@/lib/audit/record";
import { sql, sqlTransaction } from "@/lib/db/sql";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { fiatToUsdcMicro } from "@/lib/fx/amount";
import { currentRate } from "@/lib/fx/rates";
import type { Merchant, Partner, PaymentRequest } from "@/lib/generated/prisma/client";
import { uuidv7 } from "@/lib/ids";
import { amountIsFreeSql, secondsUntilATagFrees, withFreeAmountTag } from "@/lib/payments/amount-tag";
import { createRequestInput, INVOICE_DEFAULT_EXPIRY_MINUTES, type CreateRequestFields, type CreateRequestInput } from "@/lib/schemas/request";
import { resolveIdempotencyKey } from "./idempotency-key";
import { requestColumns, toPaymentRequest } from "./request-row";
import { chainForMode } from "@/lib/chains/for-mode";

export interface CreateRequestContext {
  /** The partner the request belongs to (its currency, allowed expiries and default expiry apply). */
  partner: Partner;
  testMode: boolean;
  /** Recorded on the row: "api" (partner key), "dashboard" (merchant), "admin" (on behalf). */
  createdVia: "api" | "dashboard" | "admin";
}

export interface CreateRequestResult {
  request: PaymentRequest;
  /** seeds: true when the idempotency key matched an existing request, returned unchanged. */
  replay: boolean;
}

/** The merchant's effective currency (seeds: display_currency falls back to the partner's). */
export const effectiveCurrency = (merchant: Pick<Merchant, "displayCurrency">, partner: Pick<Partner, "currency">) =>
  merchant.displayCurrency ?? partner.currency;

type MerchantFacts = Pick<Merchant, "id" | "disabled" | "onboardingStatus" | "walletAddress" | "displayCurrency">;

// The merchant within the tenant, and the request this idempotency key already made for it (all
// NULL when there is none). Request columns keep their names; the merchant's are prefixed.
// The statements are exported for bench:api's bare baseline, which runs the same ones.
export const MERCHANT_AND_REPLAY_SQL = `
  SELECT m.id AS "m_id", m.disabled AS "m_disabled", m."onboardingStatus"::text AS "m_onboardingStatus",
    m."walletAddress" AS "m_walletAddress", m."displayCurrency" AS "m_displayCurrency", ${requestColumns("r")}
  FROM merchants m
  LEFT JOIN payment_requests r ON r."partnerId" = m."partnerId" AND r."merchantId" = m.id AND r."idempotencyKey" = $4
  WHERE ${tenantSql("m")} AND m.id = $3`;

const REPLAY = `SELECT ${requestColumns()} FROM payment_requests WHERE "partnerId" = $1 AND "merchantId" = $2 AND "idempotencyKey" = $3`;

export const INSERT_COLUMNS = [
  "id", "partnerId", "merchantId", "testMode", "paymentMode", "fiatAmountInt", "fiatCode", "usdcMicro", "amountTag",
  "fxRate", "fxSource", "fxRateAt", "memo", "customerName", "customerEmail", "customerPhone", "metadata",
  "idempotencyKey", "receivingWallet", "chainId", "usdcContract", "expiresAt", "createdVia", "createdAt", "updatedAt",
] as const;
/** A new request's columns but its tag; usdcMicro is the untagged amount. */
export type InsertValues = Record<Exclude<(typeof INSERT_COLUMNS)[number], "amountTag">, unknown>;
/** The insert's parameters for one tag: every column in order, usdcMicro tagged. */
export const insertParams = (values: InsertValues, tag: number) =>
  INSERT_COLUMNS.map((c) => (c === "amountTag" ? tag : c === "usdcMicro" ? (BigInt(values.usdcMicro as string) + BigInt(tag)).toString() : values[c]));
const param = (c: (typeof INSERT_COLUMNS)[number]) => `$${INSERT_COLUMNS.indexOf(c) + 1}`;
// Inserts only if the tagged amount is still free: the tag was picked (and its amount locked) by
// the statement before, whose snapshot may predate a create that held that amount and committed
// (lib/payments/amount-tag.ts). No row back = taken; the caller picks again.
export const INSERT_REQUEST_SQL = `
  INSERT INTO payment_requests (${INSERT_COLUMNS.map((c) => `"${c}"`).join(", ")})
  SELECT ${INSERT_COLUMNS.map((c) => param(c)).join(", ")}
  WHERE ${amountIsFreeSql({ chainId: param("chainId"), wallet: param("receivingWallet"), amount: `${param("usdcMicro")}::bigint` })}
  RETURNING ${requestColumns()}`;

/**
 * `fields` are the API body's fields (snake_case, as in the seed); they are validated here too, so
 * dashboard and admin callers get the same rules (a ZodError maps to validation_error).
 * `audit` (console): the action's audit entry, written in the inserting transaction — so the request
 * and its audit row commit together — and never on a replay (nothing was created). The API passes none.
 */
export async function createRequest(ctx: CreateRequestContext, fields: CreateRequestFields, opts: { audit?: AuditFor<PaymentRequest> } = {}): Promise<CreateRequestResult> {
  const input = createRequestInput.parse(fields);
  const idem = resolveIdempotencyKey(input.idempotency_key);
  assertIdShape(input.merchant_id);
  const [row] = await sql(MERCHANT_AND_REPLAY_SQL, [...tenantParams({ partnerId: ctx.partner.id, testMode: ctx.testMode }), input.merchant_id, idem.key]);
  if (!row) throw notFound();
  // A server-generated key is new by construction; only a caller's key can replay.
  if (idem.given && row.id !== null) return { request: toPaymentRequest(row), replay: true };
  const merchant: MerchantFacts = {
    id: row.m_id as string,
    disabled: row.m_disabled as boolean,
    onboardingStatus: row.m_onboardingStatus as Merchant["onboardingStatus"],
    walletAddress: row.m_walletAddress as string | null,
    displayCurrency: row.m_displayCurrency as string | null,
  };

  if (merchant.disabled) throw new ApiError("merchant_disabled");
  if (merchant.onboardingStatus !== "complete" || !merchant.walletAddress) throw new ApiError("merchant_onboarding_incomplete");
  const fiatCode = effectiveCurrency(merchant, ctx.partner);
  if (input.fiat_currency_code && input.fiat_currency_code !== fiatCode) {
    throw new ApiError("currency_mismatch", `This merchant's currency is ${fiatCode}.`, { expected_fiat_code: fiatCode });
  }
  const expiryMinutes = resolveExpiry(ctx.partner, input);

  const quote = await currentRate(fiatCode);
  const base = fiatToUsdcMicro(input.fiat_amount_int, fiatCode, quote.usdPerUnit);
  const chain = chainForMode(ctx.testMode ? "test" : "live");
  const wallet = merchant.walletAddress.toLowerCase();

  try {
    return await sqlTransaction(async (tx) => {
      // No second replay lookup here: a concurrent create with this key that committed before us
      // makes our insert hit the unique index, and the catch below answers with its row. One query
      // less on every create (bench:api).
      const now = new Date();
      const values: InsertValues = {
        id: uuidv7(),
        partnerId: ctx.partner.id,
        merchantId: merchant.id,
        testMode: ctx.testMode,
        paymentMode: input.payment_mode,
        fiatAmountInt: input.fiat_amount_int,
        fiatCode,
        usdcMicro: base.toString(),
        fxRate: quote.usdPerUnit,
        fxSource: quote.source,
        fxRateAt: quote.asOf,
        memo: input.memo ?? null,
        customerName: input.customer_name ?? null,
        customerEmail: input.customer_email ?? null,
        customerPhone: input.customer_phone ?? null,
        metadata: JSON.stringify(input.metadata ?? {}),
        idempotencyKey: idem.key,
        receivingWallet: wallet,
        chainId: chain.chainId,
        usdcContract: chain.usdcAddress.toLowerCase(),
        expiresAt: new Date(now.getTime() + expiryMinutes * 60_000),
        createdVia: ctx.createdVia,
        createdAt: now,
        updatedAt: now,
      };
      const inserted = await withFreeAmountTag(tx, { chainId: chain.chainId, wallet, base }, async (tag) => {
        const [row] = await tx(INSERT_REQUEST_SQL, insertParams(values, tag));
        return row ?? null;
      });
      if (!inserted) {
        const retryAfter = await secondsUntilATagFrees(tx, chain.chainId, wallet, base, now);
        throw new ApiError("amount_capacity_exhausted", undefined, {}, { "Retry-After": String(retryAfter) });
      }
      const request = toPaymentRequest(inserted);
      await recordAuditFor(tx, opts.audit, request);
      return { request, replay: false };
    });
  } catch (err) {
    const v = uniqueViolation(err);
    if (v && /idempotency/i.test(v.constraint)) {
      const [existing] = await sql(REPLAY, [ctx.partner.id, merchant.id, idem.key]);
      if (existing) return { request: toPaymentRequest(existing), replay: true };
    }
    throw err;
  }
}

/** seeds: expiry_minutes must be one of the partner's values; defaults pos → partner, invoice → 7 days. */
function resolveExpiry(partner: Partner, input: CreateRequestInput): number {
  if (input.expiry_minutes !== undefined && input.expiry_minutes !== null) {
    if (!partner.allowedExpiryMinutes.includes(input.expiry_minutes)) {
      throw new ApiError("expiry_not_allowed", undefined, { allowed_expiry_minutes: [...partner.allowedExpiryMinutes].sort((a, b) => a - b) });
    }
    return input.expiry_minutes;
  }
  return input.payment_mode === "invoice" ? INVOICE_DEFAULT_EXPIRY_MINUTES : partner.defaultPosExpiryMinutes;
}
