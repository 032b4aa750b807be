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
  // Refunds (lib/refunds/), added at the end so existing column positions never move: the USDC
  // verified as refunded, and the refunds' transaction hashes (space-separated, oldest first).
  "refunded_usdc_amount",
  "refund_tx_hashes",
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

interface RefundTotals {
  micro: bigint;
  hashes: string[];
}

function row(r: PaymentRequest, refunds: RefundTotals | undefined): string {
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
    formatUsdc(refunds?.micro ?? 0n),
    refunds?.hashes.join(" ") ?? null,
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
  // Verified refunds of the same requests in one query (by the requests' window, not an id list).
  const refunds = new Map<string, RefundTotals>();
  const verified = await db.refund.findMany({
    where: { merchantId: m.id, status: "verified", request: { partnerId: m.partnerId, testMode: m.testMode, createdAt: { gte: since, lt: until } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { requestId: true, amountMicro: true, txHash: true },
  });
  for (const f of verified) {
    const t = refunds.get(f.requestId) ?? { micro: 0n, hashes: [] };
    t.micro += f.amountMicro;
    if (f.txHash) t.hashes.push(f.txHash);
    refunds.set(f.requestId, t);
  }
  return [CSV_COLUMNS.join(","), ...rows.map((r) => row(r, refunds.get(r.id)))].join("\r\n") + "\r\n";
}
