-- Sliding-window rate limits (lib/api/rate-limit.ts): one row per key replaces the fixed-window
-- counters, whose rows are only ever a minute's worth of throwaway counts.
-- DropTable
DROP TABLE "rate_limit_counters";

-- CreateTable
CREATE TABLE "rate_limit_windows" (
    "key" TEXT NOT NULL,
    "slot" BIGINT NOT NULL,
    "counts" INTEGER[],
    "admitted" BOOLEAN NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_windows_pkey" PRIMARY KEY ("key")
);
