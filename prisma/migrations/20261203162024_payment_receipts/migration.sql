-- CreateTable
CREATE TABLE "payment_receipts" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "proofId" UUID NOT NULL,
    "kid" TEXT NOT NULL,
    "jws" TEXT NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,
    "reversedAt" TIMESTAMPTZ(3),

    CONSTRAINT "payment_receipts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "payment_receipts_requestId_issuedAt_idx" ON "payment_receipts"("requestId", "issuedAt");

-- CreateIndex
CREATE INDEX "payment_receipts_proofId_idx" ON "payment_receipts"("proofId");

-- AddForeignKey
ALTER TABLE "payment_receipts" ADD CONSTRAINT "payment_receipts_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "payment_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_receipts" ADD CONSTRAINT "payment_receipts_proofId_fkey" FOREIGN KEY ("proofId") REFERENCES "proofs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

