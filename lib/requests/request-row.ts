// payment_requests rows read with plain SQL (lib/db/sql.ts) as Prisma's PaymentRequest, so the
// rest of the code never knows how a row was read. pg hands int8 and numeric over as strings; the
// field list is checked against PaymentRequest at compile time, so a new column cannot be missed,
// and test/requests/request-row.test.ts compares the result with Prisma's for the same row.
import { Prisma } from "@/lib/db";
import type { PaymentRequest } from "@/lib/generated/prisma/client";

const FIELDS = {
  id: "as-is", partnerId: "as-is", merchantId: "as-is", testMode: "as-is", status: "as-is", proofStatus: "as-is",
  paymentMode: "as-is", fiatAmountInt: "as-is", fiatCode: "as-is", usdcMicro: "bigint", amountTag: "as-is",
  fxRate: "decimal", fxSource: "as-is", fxRateAt: "as-is", memo: "as-is", customerName: "as-is",
  customerEmail: "as-is", customerPhone: "as-is", metadata: "as-is", idempotencyKey: "as-is",
  receivingWallet: "as-is", chainId: "as-is", usdcContract: "as-is", expiresAt: "as-is", openedAt: "as-is",
  expiredAt: "as-is", voidedAt: "as-is", proofVerifiedAt: "as-is", txHash: "as-is", late: "as-is", payPageLocale: "as-is",
  createdVia: "as-is", createdAt: "as-is", updatedAt: "as-is",
} as const satisfies Record<keyof PaymentRequest, "as-is" | "bigint" | "decimal">;

const NAMES = Object.keys(FIELDS) as (keyof PaymentRequest)[];

/** The select list for every column, optionally qualified: `r."id", r."partnerId", …`. */
export const requestColumns = (alias?: string) => NAMES.map((n) => (alias ? `${alias}."${n}"` : `"${n}"`)).join(", ");

/** A row with (at least) every payment_requests column under its own name → PaymentRequest. */
export function toPaymentRequest(row: Record<string, unknown>): PaymentRequest {
  const out: Record<string, unknown> = {};
  for (const n of NAMES) {
    const v = row[n];
    const kind = FIELDS[n];
    out[n] = kind === "bigint" ? BigInt(v as string) : kind === "decimal" ? new Prisma.Decimal(v as string) : v;
  }
  return out as unknown as PaymentRequest;
}
