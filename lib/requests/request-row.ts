// payment_requests rows read with plain SQL (lib/db/sql.ts) as Prisma's PaymentRequest
// (lib/db/prisma-row.ts): the field list is checked against PaymentRequest at compile time, and
// test/db/plain-sql.test.ts compares the result with Prisma's for the same row.
import { prismaRow } from "@/lib/db/prisma-row";
import type { PaymentRequest } from "@/lib/generated/prisma/client";

const row = prismaRow<PaymentRequest>({
  id: "as-is", partnerId: "as-is", merchantId: "as-is", testMode: "as-is", status: "as-is", proofStatus: "as-is",
  paymentMode: "as-is", fiatAmountInt: "as-is", fiatCode: "as-is", usdcMicro: "bigint", amountTag: "as-is",
  fxRate: "decimal", fxSource: "as-is", fxRateAt: "as-is", memo: "as-is", customerName: "as-is",
  customerEmail: "as-is", customerPhone: "as-is", metadata: "as-is", idempotencyKey: "as-is",
  receivingWallet: "as-is", chainId: "as-is", usdcContract: "as-is", expiresAt: "as-is", openedAt: "as-is",
  expiredAt: "as-is", voidedAt: "as-is", proofVerifiedAt: "as-is", txHash: "as-is", late: "as-is", payPageLocale: "as-is",
  createdVia: "as-is", createdAt: "as-is", updatedAt: "as-is",
});

/** The select list for every column, optionally qualified: `r."id", r."partnerId", …`. */
export const requestColumns = row.columns;

/** A row with (at least) every payment_requests column under its own name → PaymentRequest. */
export const toPaymentRequest = row.read;
