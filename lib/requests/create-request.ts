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
// CPU cut its throughput several-fold (bench:api). The merchant and a replay are one read; the insert
// with a free amount tag is one more (insert_tagged_request), plus the audit entry for console
// callers: with the key lookup and the rate limit, four statements for an API create.
import { ApiError } from "@/lib/errors";
import { assertIdShape, notFound, tenantParams, tenantSql } from "@/lib/tenancy";
import { recordAuditFor, type AuditFor } from "@/lib/audit/record";
import { sql, sqlTransaction, type Sql } from "@/lib/db/sql";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { fiatToUsdcMicro } from "@/lib/fx/amount";
import { currentRate } from "@/lib/fx/rates";
import type { Merchant, Partner, PaymentRequest } from "@/lib/generated/prisma/client";
import { uuidv7 } from "@/lib/ids";
import { secondsUntilATagFrees, tagCandidateBatches } from "@/lib/payments/amount-tag";
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

/** A new request's columns, as insert_tagged_request reads them (JSON; usdcMicro untagged). */
export interface InsertValues {
  id: string; partnerId: string; merchantId: string; testMode: boolean; paymentMode: string;
  fiatAmountInt: number; fiatCode: string; usdcMicro: string; fxRate: string; fxSource: string; fxRateAt: Date;
  memo: string | null; customerName: string | null; customerEmail: string | null; customerPhone: string | null;
  metadata: Record<string, string>; idempotencyKey: string; receivingWallet: string; chainId: number;
  usdcContract: string; expiresAt: Date; createdVia: string; createdAt: Date; updatedAt: Date;
}

// One statement: probe, lock and insert for each candidate tag in turn, in the database
// (lib/payments/amount-tag.ts says why; the migration 20261203130000 holds the function).
// No row back = every candidate was taken. Exported for the tests that drive it directly.
export const INSERT_TAGGED_SQL = `SELECT ${requestColumns("r")} FROM insert_tagged_request($1::jsonb, $2::int[]) r`;

/** Inserts `values` with the first free tag, one batch of candidates per statement; null when all 10,000 are taken. */
export async function insertWithFreeTag(run: Sql, values: InsertValues): Promise<Record<string, unknown> | null> {
  const json = JSON.stringify(values);
  for (const candidates of tagCandidateBatches()) {
    const [row] = await run(INSERT_TAGGED_SQL, [json, candidates]);
    if (row) return row;
  }
  return null;
}

/**
 * `fields` are the API body's fields (snake_case, as in the seed); they are validated here too, so
 * dashboard and admin callers get the same rules (a ZodError maps to validation_error).
 * `audit` (console): the action's audit entry, written in the inserting transaction — so the request
 * and its audit row commit together — and never on a replay (nothing was created). The API passes none.
 */
export async function createRequest(ctx: CreateRequestContext, fields: CreateRequestFields, opts: { audit?: AuditFor<PaymentRequest> } = {}): Promise<CreateRequestResult> {
  return createParsedRequest(ctx, createRequestInput.parse(fields), opts);
}

/** createRequest for a body already parsed with createRequestInput (the API wrapper has: once is enough). */
export async function createParsedRequest(ctx: CreateRequestContext, input: CreateRequestInput, opts: { audit?: AuditFor<PaymentRequest> } = {}): Promise<CreateRequestResult> {
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
    metadata: input.metadata ?? {},
    idempotencyKey: idem.key,
    receivingWallet: wallet,
    chainId: chain.chainId,
    usdcContract: chain.usdcAddress.toLowerCase(),
    expiresAt: new Date(now.getTime() + expiryMinutes * 60_000),
    createdVia: ctx.createdVia,
    createdAt: now,
    updatedAt: now,
  };
  // No second replay lookup: a concurrent create with this key that committed before us makes our
  // insert hit the unique index, and the catch below answers with its row. The API's create is
  // one statement here (autocommit); a console create writes its audit entry in the same
  // transaction, so the request and its audit row commit together.
  const insert = async (run: Sql) => {
    const row = await insertWithFreeTag(run, values);
    if (!row) {
      const retryAfter = await secondsUntilATagFrees(run, chain.chainId, wallet, base, now);
      throw new ApiError("amount_capacity_exhausted", undefined, {}, { "Retry-After": String(retryAfter) });
    }
    return toPaymentRequest(row);
  };
  try {
    const audit = opts.audit;
    const request = audit
      ? await sqlTransaction(async (tx) => {
          const r = await insert(tx);
          await recordAuditFor(tx, audit, r);
          return r;
        })
      : await insert(sql);
    return { request, replay: false };
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
