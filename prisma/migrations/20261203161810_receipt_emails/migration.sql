-- Customer receipt emails (issue 19 part 3): the outbox row written with the verification, and the
-- pay page's language the email is written in.
-- CreateEnum
CREATE TYPE "ReceiptEmailStatus" AS ENUM ('pending', 'sent', 'failed', 'cancelled');

-- AlterTable
ALTER TABLE "payment_requests" ADD COLUMN     "payPageLocale" TEXT;

-- CreateTable
CREATE TABLE "receipt_emails" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "to" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "status" "ReceiptEmailStatus" NOT NULL DEFAULT 'pending',
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "receipt_emails_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "receipt_emails_requestId_key" ON "receipt_emails"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "receipt_emails_messageId_key" ON "receipt_emails"("messageId");

-- CreateIndex
CREATE INDEX "receipt_emails_status_nextAttemptAt_idx" ON "receipt_emails"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "receipt_emails" ADD CONSTRAINT "receipt_emails_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "payment_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

