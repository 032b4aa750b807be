// What the merchant has received: totals for today, the last 7 and the last 30 days (in each fiat
// currency its requests were priced in, and in USDC), and the USDC volume of each of those 30 days
// for the chart. Days are calendar days in the merchant's time zone: "today" at a till in São
// Paulo starts at local midnight, not UTC's. Only the signed-in merchant's own requests count
// (merchant, partner and mode, as everywhere in the dashboard). The partner console's overview
// asks the same question of a whole partner in one mode (`partnerSalesSummary`): one query, one
// set of rules for what counts as received, for both.
//
// Plain SQL (lib/db/sql.ts) because the grouping key is an expression — the payment's local date —
// which Prisma's groupBy cannot express. Sums are bigint in PostgreSQL and arrive as text, so no
// amount ever passes through a float.
import { sql } from "@/lib/db/sql";
import type { TenantScope } from "@/lib/tenancy";
import type { Merchant } from "@/lib/generated/prisma/client";
import { DEFAULT_TIME_ZONE, validTimeZone } from "@/lib/i18n/time-zone";

export const SUMMARY_DAYS = 30;

export interface FiatTotal {
  code: string;
  minor: bigint;
}

export interface MoneyTotal {
  payments: number;
  usdcMicro: bigint;
  /** One entry per currency, most money first (by payments when equal). */
  fiat: FiatTotal[];
}

export interface DayVolume {
  /** YYYY-MM-DD in the summary's time zone. */
  day: string;
  payments: number;
  usdcMicro: bigint;
}

export interface SalesSummary {
  timeZone: string;
  today: string;
  totals: { today: MoneyTotal; week: MoneyTotal; month: MoneyTotal };
  /** SUMMARY_DAYS entries, oldest first, ending today; days without payments are zero. */
  days: DayVolume[];
}

interface Row {
  day: string;
  fiat_code: string;
  payments: number;
  fiat_minor: string;
  usdc_micro: string;
}

// A payment counts on the day it was verified, with what actually arrived (the verified proof's
// received amount, overpayments included). A reversed payment is no longer verified: it drops out.
// `merchantClause` is one of two constant strings, never input.
const query_ = (merchantClause: string) => `
  WITH bounds AS (SELECT ($4::timestamptz AT TIME ZONE $5)::date AS today)
  SELECT (r."proofVerifiedAt" AT TIME ZONE $5)::date::text AS day,
         r."fiatCode" AS fiat_code,
         count(*)::int AS payments,
         sum(r."fiatAmountInt")::text AS fiat_minor,
         sum(COALESCE(p."receivedMicro", r."usdcMicro"))::text AS usdc_micro
    FROM payment_requests r
    CROSS JOIN bounds b
    LEFT JOIN LATERAL (
      SELECT "receivedMicro" FROM proofs
       WHERE "requestId" = r.id AND outcome = 'verified' AND "txHash" = r."txHash"
       LIMIT 1
    ) p ON true
   WHERE ${merchantClause} r."partnerId" = $2 AND r."testMode" = $3
     AND r."proofStatus" = 'verified'
     AND r."proofVerifiedAt" >= ((b.today - ${SUMMARY_DAYS - 1})::timestamp AT TIME ZONE $5)
     AND r."proofVerifiedAt" <= $4
   GROUP BY 1, 2`;
const MERCHANT_QUERY = query_(`r."merchantId" = $1 AND`);
// $1 is still bound (NULL) so both statements take the same parameters.
const PARTNER_QUERY = query_(`$1::uuid IS NULL AND`);

const TODAY = `SELECT ($1::timestamptz AT TIME ZONE $2)::date::text AS today`;

/** "2026-03-14" minus `n` days, by calendar arithmetic (no time zone involved). */
export function daysBefore(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d - n)).toISOString().slice(0, 10);
}

function total(rows: readonly Row[]): MoneyTotal {
  const fiat = new Map<string, { minor: bigint; payments: number }>();
  let usdcMicro = 0n;
  let payments = 0;
  for (const r of rows) {
    const f = fiat.get(r.fiat_code) ?? { minor: 0n, payments: 0 };
    fiat.set(r.fiat_code, { minor: f.minor + BigInt(r.fiat_minor), payments: f.payments + r.payments });
    usdcMicro += BigInt(r.usdc_micro);
    payments += r.payments;
  }
  const sorted = [...fiat].sort(([, a], [, b]) => b.payments - a.payments || (b.minor > a.minor ? 1 : b.minor < a.minor ? -1 : 0));
  return { payments, usdcMicro, fiat: sorted.map(([code, f]) => ({ code, minor: f.minor })) };
}

/** Whose payments are added up: one merchant, or every merchant of a partner (always one mode). */
interface SummaryScope {
  partnerId: string;
  testMode: boolean;
  merchantId: string | null;
}

async function query(s: SummaryScope, now: Date, timeZone: string) {
  const [{ today }] = await sql<{ today: string }>(TODAY, [now, timeZone]);
  const rows = await sql<Row>(s.merchantId ? MERCHANT_QUERY : PARTNER_QUERY, [s.merchantId, s.partnerId, s.testMode, now, timeZone]);
  return { today, rows };
}

type SummaryOpts = { now?: Date; timeZone?: string };

/** The signed-in merchant's own payments (its partner and mode). */
export function salesSummary(m: Merchant, opts: SummaryOpts = {}): Promise<SalesSummary> {
  return summarize({ partnerId: m.partnerId, testMode: m.testMode, merchantId: m.id }, opts);
}

/** Every merchant of the scope's partner, in the scope's mode: the partner console's overview. */
export function partnerSalesSummary(scope: TenantScope, opts: SummaryOpts = {}): Promise<SalesSummary> {
  return summarize({ partnerId: scope.partnerId, testMode: scope.testMode, merchantId: null }, opts);
}

async function summarize(scope: SummaryScope, opts: SummaryOpts): Promise<SalesSummary> {
  const now = opts.now ?? new Date();
  let timeZone = validTimeZone(opts.timeZone);
  let result;
  try {
    result = await query(scope, now, timeZone);
  } catch (err) {
    // A zone the browser's ICU knows but this server's tz database does not (22023): UTC instead.
    if ((err as { code?: unknown }).code !== "22023" || timeZone === DEFAULT_TIME_ZONE) throw err;
    timeZone = DEFAULT_TIME_ZONE;
    result = await query(scope, now, timeZone);
  }
  const { today, rows } = result;
  const since = (n: number) => {
    const first = daysBefore(today, n - 1);
    return rows.filter((r) => r.day >= first);
  };
  const days = Array.from({ length: SUMMARY_DAYS }, (_, i) => {
    const day = daysBefore(today, SUMMARY_DAYS - 1 - i);
    const t = total(rows.filter((r) => r.day === day));
    return { day, payments: t.payments, usdcMicro: t.usdcMicro };
  });
  return { timeZone, today, totals: { today: total(since(1)), week: total(since(7)), month: total(since(SUMMARY_DAYS)) }, days };
}
