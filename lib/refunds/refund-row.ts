// refunds rows read with plain SQL (lib/db/sql.ts) as Prisma's Refund (lib/db/prisma-row.ts).
import { prismaRow } from "@/lib/db/prisma-row";
import type { Refund } from "@/lib/generated/prisma/client";

const row = prismaRow<Refund>({
  id: "as-is", requestId: "as-is", proofId: "as-is", partnerId: "as-is", merchantId: "as-is", testMode: "as-is",
  chainId: "as-is", usdcContract: "as-is", fromWallet: "as-is", toAddress: "as-is", amountMicro: "bigint",
  reason: "as-is", initiatedBy: "as-is", idempotencyKey: "as-is", status: "as-is", simulated: "as-is",
  txHash: "as-is", activeTxHash: "as-is", rejectionReason: "as-is", blockNumber: "bigint", blockHash: "as-is",
  confirmations: "as-is", checkAttempts: "as-is", nextCheckAt: "as-is", leaseOwner: "as-is", leaseUntil: "as-is",
  lastError: "as-is", submittedAt: "as-is", verifiedAt: "as-is", finalizedAt: "as-is", reversedAt: "as-is",
  rejectedAt: "as-is", cancelledAt: "as-is", createdAt: "as-is", updatedAt: "as-is",
});

export const refundColumns = row.columns;
export const toRefund = row.read;
