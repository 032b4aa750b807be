// proofs rows read with plain SQL (lib/db/sql.ts) as Prisma's Proof (lib/db/prisma-row.ts).
import { prismaRow } from "@/lib/db/prisma-row";
import type { Proof } from "@/lib/generated/prisma/client";

const row = prismaRow<Proof>({
  id: "as-is", requestId: "as-is", chainId: "as-is", txHash: "as-is", activeTxHash: "as-is", source: "as-is",
  outcome: "as-is", rejectionReason: "as-is", simulated: "as-is", blockNumber: "bigint", blockHash: "as-is",
  blockTime: "as-is", confirmations: "as-is", expectedMicro: "bigint", receivedMicro: "bigint", overpaidMicro: "bigint",
  late: "as-is", checkAttempts: "as-is", nextCheckAt: "as-is", leaseOwner: "as-is", leaseUntil: "as-is",
  lastError: "as-is", createdAt: "as-is", verifiedAt: "as-is", rejectedAt: "as-is", receiptSeenAt: "as-is",
  finalizedAt: "as-is", reversedAt: "as-is",
});

export const proofColumns = row.columns;
export const toProof = row.read;
