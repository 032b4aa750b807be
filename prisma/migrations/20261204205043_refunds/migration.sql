-- CreateEnum
CREATE TYPE "RefundStatus" AS ENUM ('requested', 'awaiting_transfer', 'submitted', 'verified', 'rejected', 'cancelled');

-- CreateEnum
CREATE TYPE "RefundInitiator" AS ENUM ('merchant', 'partner');

-- CreateTable
CREATE TABLE "refunds" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "proofId" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "merchantId" UUID NOT NULL,
    "testMode" BOOLEAN NOT NULL,
    "chainId" INTEGER NOT NULL,
    "usdcContract" TEXT NOT NULL,
    "fromWallet" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "amountMicro" BIGINT NOT NULL,
    "reason" TEXT,
    "initiatedBy" "RefundInitiator" NOT NULL,
    "idempotencyKey" TEXT,
    "status" "RefundStatus" NOT NULL,
    "simulated" BOOLEAN NOT NULL DEFAULT false,
    "txHash" TEXT,
    "activeTxHash" TEXT,
    "rejectionReason" TEXT,
    "blockNumber" BIGINT,
    "blockHash" TEXT,
    "confirmations" INTEGER,
    "checkAttempts" INTEGER NOT NULL DEFAULT 0,
    "nextCheckAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "submittedAt" TIMESTAMPTZ(3),
    "verifiedAt" TIMESTAMPTZ(3),
    "finalizedAt" TIMESTAMPTZ(3),
    "reversedAt" TIMESTAMPTZ(3),
    "rejectedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "refunds_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "refunds_requestId_createdAt_idx" ON "refunds"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "refunds_merchantId_createdAt_idx" ON "refunds"("merchantId", "createdAt");

-- CreateIndex
CREATE INDEX "refunds_status_nextCheckAt_idx" ON "refunds"("status", "nextCheckAt");

-- CreateIndex
CREATE INDEX "refunds_status_finalizedAt_nextCheckAt_idx" ON "refunds"("status", "finalizedAt", "nextCheckAt");

-- CreateIndex
CREATE INDEX "refunds_txHash_idx" ON "refunds"("txHash");

-- CreateIndex
CREATE UNIQUE INDEX "refunds_chainId_activeTxHash_key" ON "refunds"("chainId", "activeTxHash");

-- CreateIndex
CREATE UNIQUE INDEX "refunds_requestId_idempotencyKey_key" ON "refunds"("requestId", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "payment_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_proofId_fkey" FOREIGN KEY ("proofId") REFERENCES "proofs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

