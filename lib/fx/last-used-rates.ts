// The rates requests were last priced with, per currency, from the requests themselves: what the
// admin's System health page shows when the configured source has no rates to show (the ECB
// unreachable since the process started), so an operator still sees what creates were using.
// Bounded to the last `days` of requests by id: ids are UUIDv7, time-ordered, so the primary key's
// range is the time range and no full scan of payment_requests runs on a health page.
import { sql } from "@/lib/db/sql";

export interface UsedRate {
  currency: string;
  usdPerUnit: string;
  source: string;
  asOf: Date;
  usedAt: Date;
}

/** The smallest UUIDv7 of millisecond `ms`: every id made at or after `ms` sorts at or above it. */
export function uuidv7Floor(ms: number): string {
  const h = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7000-8000-000000000000`;
}

const QUERY = `
  SELECT DISTINCT ON ("fiatCode") "fiatCode" AS currency, "fxRate"::text AS usd_per_unit, "fxSource" AS source,
         "fxRateAt" AS as_of, "createdAt" AS used_at
    FROM payment_requests
   WHERE id >= $1::uuid
   ORDER BY "fiatCode", id DESC`;

export async function lastUsedRates(now = new Date(), days = 7): Promise<UsedRate[]> {
  const rows = await sql<{ currency: string; usd_per_unit: string; source: string; as_of: Date; used_at: Date }>(QUERY, [uuidv7Floor(now.getTime() - days * 86_400_000)]);
  // numeric(30,12) as text keeps trailing zeros ("1.100000000000"): trimmed as the source shows it.
  const trim = (v: string) => (v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v);
  return rows.map((r) => ({ currency: r.currency.trim(), usdPerUnit: trim(r.usd_per_unit), source: r.source, asOf: r.as_of, usedAt: r.used_at }));
}
