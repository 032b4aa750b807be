-- Proofs: receipt first seen (griefing: unseen proofs do not hold a request open), finality of a
-- verified payment and its last reversal (SPEC §6 "Finality").
ALTER TABLE "proofs" ADD COLUMN "receiptSeenAt" TIMESTAMPTZ(3),
ADD COLUMN "finalizedAt" TIMESTAMPTZ(3),
ADD COLUMN "reversedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "proofs_outcome_finalizedAt_nextCheckAt_idx" ON "proofs"("outcome", "finalizedAt", "nextCheckAt");
