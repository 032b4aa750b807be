// CSV export of a merchant's requests created in [since, until): one row per request with its
// payment state, amounts as exact decimal text. Scoped to the signed-in merchant only.
import { db } from "@/lib/db";
import type { Merchant, PaymentRequest } from "@/lib/generated/prisma/client";
import { formatFiat, formatUsdc } from "./money-format";

export const CSV_COLUMNS = [
  "request_id",
  "created_at",
  "status",
  "proof_status",
  "payment_mode",
  "fiat_amount",
  "fiat_code",
  "usdc_amount",
  "memo",
  "customer_name",
  "customer_email",
  "tx_hash",
  "proof_verified_at",
  "late",
  "receiving_wallet",
] as const;

/** Hard cap per export: a year of a busy shop fits; anything bigger should page by date range. */
export const CSV_MAX_ROWS = 50_000;

/**
 * RFC 4180 quoting, plus a leading apostrophe for text a spreadsheet would run as a formula —
 * memo and customer fields are typed by other people.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function row(r: PaymentRequest): string {
  return [
    r.id,
    r.createdAt.toISOString(),
    r.status,
    r.proofStatus,
    r.paymentMode,
    formatFiat(r.fiatAmountInt, r.fiatCode),
    r.fiatCode,
    formatUsdc(r.usdcMicro),
    r.memo,
    r.customerName,
    r.customerEmail,
    r.txHash,
    r.proofVerifiedAt?.toISOString() ?? null,
    r.late,
    r.receivingWallet,
  ]
    .map((v) => csvCell(v))
    .join(",");
}

export async function paymentsCsv(m: Merchant, since: Date, until: Date): Promise<string> {
  const rows = await db.paymentRequest.findMany({
    where: { merchantId: m.id, partnerId: m.partnerId, testMode: m.testMode, createdAt: { gte: since, lt: until } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: CSV_MAX_ROWS,
  });
  return [CSV_COLUMNS.join(","), ...rows.map(row)].join("\r\n") + "\r\n";
}
