-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('admin', 'partner_member');

-- CreateEnum
CREATE TYPE "ApiKeyMode" AS ENUM ('live', 'test');

-- CreateEnum
CREATE TYPE "AccountType" AS ENUM ('consumer', 'business');

-- CreateEnum
CREATE TYPE "OnboardingStatus" AS ENUM ('incomplete', 'complete');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('requested', 'opened', 'expired', 'voided');

-- CreateEnum
CREATE TYPE "ProofStatus" AS ENUM ('none', 'attached', 'verified');

-- CreateEnum
CREATE TYPE "PaymentMode" AS ENUM ('pos', 'invoice');

-- CreateEnum
CREATE TYPE "ProofSource" AS ENUM ('partner_api', 'pay_page', 'watcher', 'simulated', 'dashboard');

-- CreateEnum
CREATE TYPE "ProofOutcome" AS ENUM ('pending', 'verified', 'rejected');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "partners" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "brandLogoUrl" TEXT,
    "brandPrimaryColor" TEXT NOT NULL DEFAULT '#1d4ed8',
    "brandAccentColor" TEXT NOT NULL DEFAULT '#0f172a',
    "allowedExpiryMinutes" INTEGER[] DEFAULT ARRAY[15, 30, 60, 1440, 10080]::INTEGER[],
    "defaultPosExpiryMinutes" INTEGER NOT NULL DEFAULT 60,
    "onboardingRequiredFields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "rateLimitPerMinute" INTEGER,
    "merchantCreateLimitPerMinute" INTEGER,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "partners_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" "UserRole" NOT NULL,
    "partnerId" UUID,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "failedLoginCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastLoginAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invites" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "UserRole" NOT NULL,
    "partnerId" UUID,
    "invitedById" UUID,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "acceptedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "mode" "ApiKeyMode" NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "keyHash" TEXT NOT NULL,
    "displayPrefix" TEXT NOT NULL,
    "scopes" TEXT[],
    "expiresAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "rolledFromId" UUID,
    "createdByUserId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "merchants" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "testMode" BOOLEAN NOT NULL,
    "email" TEXT,
    "displayName" TEXT,
    "businessName" TEXT,
    "country" CHAR(2),
    "phone" TEXT,
    "website" TEXT,
    "instagram" TEXT,
    "industry" TEXT,
    "displayCurrency" CHAR(3),
    "accountType" "AccountType" NOT NULL DEFAULT 'consumer',
    "walletAddress" TEXT,
    "onboardingStatus" "OnboardingStatus" NOT NULL DEFAULT 'incomplete',
    "onboardingCompletedAt" TIMESTAMPTZ(3),
    "termsVersion" TEXT,
    "termsAcceptedAt" TIMESTAMPTZ(3),
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "disabledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "merchants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "onboarding_tokens" (
    "id" UUID NOT NULL,
    "merchantId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "returnUrl" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "onboarding_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "siwe_nonces" (
    "nonce" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "siwe_nonces_pkey" PRIMARY KEY ("nonce")
);

-- CreateTable
CREATE TABLE "payment_requests" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "merchantId" UUID NOT NULL,
    "testMode" BOOLEAN NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'requested',
    "proofStatus" "ProofStatus" NOT NULL DEFAULT 'none',
    "paymentMode" "PaymentMode" NOT NULL DEFAULT 'pos',
    "fiatAmountInt" INTEGER NOT NULL,
    "fiatCode" CHAR(3) NOT NULL,
    "usdcMicro" BIGINT NOT NULL,
    "amountTag" INTEGER NOT NULL DEFAULT 0,
    "fxRate" DECIMAL(30,12) NOT NULL,
    "fxSource" TEXT NOT NULL,
    "fxRateAt" TIMESTAMPTZ(3) NOT NULL,
    "memo" TEXT,
    "customerName" TEXT,
    "customerEmail" TEXT,
    "customerPhone" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "idempotencyKey" TEXT NOT NULL,
    "receivingWallet" TEXT NOT NULL,
    "chainId" INTEGER NOT NULL,
    "usdcContract" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "openedAt" TIMESTAMPTZ(3),
    "expiredAt" TIMESTAMPTZ(3),
    "voidedAt" TIMESTAMPTZ(3),
    "proofVerifiedAt" TIMESTAMPTZ(3),
    "txHash" TEXT,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "createdVia" TEXT NOT NULL DEFAULT 'api',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payment_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proofs" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "chainId" INTEGER NOT NULL,
    "txHash" TEXT NOT NULL,
    "activeTxHash" TEXT,
    "source" "ProofSource" NOT NULL,
    "outcome" "ProofOutcome" NOT NULL DEFAULT 'pending',
    "rejectionReason" TEXT,
    "simulated" BOOLEAN NOT NULL DEFAULT false,
    "blockNumber" BIGINT,
    "blockHash" TEXT,
    "blockTime" TIMESTAMPTZ(3),
    "confirmations" INTEGER,
    "expectedMicro" BIGINT NOT NULL,
    "receivedMicro" BIGINT,
    "overpaidMicro" BIGINT,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "checkAttempts" INTEGER NOT NULL DEFAULT 0,
    "nextCheckAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verifiedAt" TIMESTAMPTZ(3),
    "rejectedAt" TIMESTAMPTZ(3),

    CONSTRAINT "proofs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "testMode" BOOLEAN NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "events" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "secretSealed" TEXT NOT NULL,
    "previousSecretSealed" TEXT,
    "previousSecretExpiresAt" TIMESTAMPTZ(3),
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "disabledReason" TEXT,
    "disabledAt" TIMESTAMPTZ(3),
    "failingSince" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "events" (
    "id" TEXT NOT NULL,
    "partnerId" UUID NOT NULL,
    "testMode" BOOLEAN NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "requestId" UUID,
    "merchantId" UUID,
    "dispatchedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "eventId" TEXT NOT NULL,
    "endpointId" UUID NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "succeededAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_attempts" (
    "id" UUID NOT NULL,
    "deliveryId" UUID NOT NULL,
    "eventId" TEXT NOT NULL,
    "endpointId" UUID NOT NULL,
    "attemptNumber" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "statusCode" INTEGER,
    "success" BOOLEAN NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "responseExcerpt" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chain_cursors" (
    "chainId" INTEGER NOT NULL,
    "lastScannedBlock" BIGINT NOT NULL,
    "headBlock" BIGINT,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "chain_cursors_pkey" PRIMARY KEY ("chainId")
);

-- CreateTable
CREATE TABLE "fx_rates" (
    "currency" CHAR(3) NOT NULL,
    "source" TEXT NOT NULL,
    "usdPerUnit" DECIMAL(30,12) NOT NULL,
    "asOf" TIMESTAMPTZ(3) NOT NULL,
    "fetchedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fx_rates_pkey" PRIMARY KEY ("currency","source")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" UUID NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "partnerId" UUID,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_counters" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateTable
CREATE TABLE "partner_notices" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "readAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_notices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "worker_heartbeats" (
    "workerId" TEXT NOT NULL,
    "loop" TEXT NOT NULL,
    "lastRunAt" TIMESTAMPTZ(3) NOT NULL,
    "lastError" TEXT,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("workerId","loop")
);

-- CreateIndex
CREATE UNIQUE INDEX "partners_slug_key" ON "partners"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_partnerId_idx" ON "users"("partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "invites_tokenHash_key" ON "invites"("tokenHash");

-- CreateIndex
CREATE INDEX "invites_partnerId_idx" ON "invites"("partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_keyHash_key" ON "api_keys"("keyHash");

-- CreateIndex
CREATE INDEX "api_keys_partnerId_mode_idx" ON "api_keys"("partnerId", "mode");

-- CreateIndex
CREATE UNIQUE INDEX "merchants_walletAddress_key" ON "merchants"("walletAddress");

-- CreateIndex
CREATE INDEX "merchants_partnerId_testMode_createdAt_idx" ON "merchants"("partnerId", "testMode", "createdAt");

-- CreateIndex
CREATE INDEX "merchants_partnerId_testMode_onboardingStatus_createdAt_idx" ON "merchants"("partnerId", "testMode", "onboardingStatus", "createdAt");

-- CreateIndex
CREATE INDEX "merchants_partnerId_testMode_disabled_createdAt_idx" ON "merchants"("partnerId", "testMode", "disabled", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "onboarding_tokens_tokenHash_key" ON "onboarding_tokens"("tokenHash");

-- CreateIndex
CREATE INDEX "onboarding_tokens_merchantId_idx" ON "onboarding_tokens"("merchantId");

-- CreateIndex
CREATE INDEX "siwe_nonces_expiresAt_idx" ON "siwe_nonces"("expiresAt");

-- CreateIndex
CREATE INDEX "payment_requests_partnerId_testMode_createdAt_idx" ON "payment_requests"("partnerId", "testMode", "createdAt");

-- CreateIndex
CREATE INDEX "payment_requests_partnerId_testMode_status_createdAt_idx" ON "payment_requests"("partnerId", "testMode", "status", "createdAt");

-- CreateIndex
CREATE INDEX "payment_requests_partnerId_testMode_proofStatus_createdAt_idx" ON "payment_requests"("partnerId", "testMode", "proofStatus", "createdAt");

-- CreateIndex
CREATE INDEX "payment_requests_partnerId_testMode_merchantId_createdAt_idx" ON "payment_requests"("partnerId", "testMode", "merchantId", "createdAt");

-- CreateIndex
CREATE INDEX "payment_requests_merchantId_createdAt_idx" ON "payment_requests"("merchantId", "createdAt");

-- CreateIndex
CREATE INDEX "payment_requests_status_proofStatus_expiresAt_idx" ON "payment_requests"("status", "proofStatus", "expiresAt");

-- CreateIndex
CREATE INDEX "payment_requests_chainId_receivingWallet_status_idx" ON "payment_requests"("chainId", "receivingWallet", "status");

-- CreateIndex
CREATE UNIQUE INDEX "payment_requests_partnerId_merchantId_idempotencyKey_key" ON "payment_requests"("partnerId", "merchantId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "proofs_requestId_idx" ON "proofs"("requestId");

-- CreateIndex
CREATE INDEX "proofs_outcome_nextCheckAt_idx" ON "proofs"("outcome", "nextCheckAt");

-- CreateIndex
CREATE INDEX "proofs_txHash_idx" ON "proofs"("txHash");

-- CreateIndex
CREATE UNIQUE INDEX "proofs_chainId_activeTxHash_key" ON "proofs"("chainId", "activeTxHash");

-- CreateIndex
CREATE INDEX "webhook_endpoints_partnerId_testMode_idx" ON "webhook_endpoints"("partnerId", "testMode");

-- CreateIndex
CREATE INDEX "events_partnerId_testMode_createdAt_idx" ON "events"("partnerId", "testMode", "createdAt");

-- CreateIndex
CREATE INDEX "events_requestId_idx" ON "events"("requestId");

-- CreateIndex
CREATE INDEX "events_dispatchedAt_createdAt_idx" ON "events"("dispatchedAt", "createdAt");

-- CreateIndex
CREATE INDEX "webhook_deliveries_status_nextAttemptAt_idx" ON "webhook_deliveries"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpointId_status_idx" ON "webhook_deliveries"("endpointId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_eventId_endpointId_key" ON "webhook_deliveries"("eventId", "endpointId");

-- CreateIndex
CREATE INDEX "delivery_attempts_deliveryId_idx" ON "delivery_attempts"("deliveryId");

-- CreateIndex
CREATE INDEX "delivery_attempts_eventId_createdAt_idx" ON "delivery_attempts"("eventId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_log_createdAt_idx" ON "audit_log"("createdAt");

-- CreateIndex
CREATE INDEX "audit_log_partnerId_createdAt_idx" ON "audit_log"("partnerId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_log_targetType_targetId_idx" ON "audit_log"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "rate_limit_counters_expiresAt_idx" ON "rate_limit_counters"("expiresAt");

-- CreateIndex
CREATE INDEX "partner_notices_partnerId_createdAt_idx" ON "partner_notices"("partnerId", "createdAt");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "partners"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invites" ADD CONSTRAINT "invites_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "partners"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "merchants" ADD CONSTRAINT "merchants_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "onboarding_tokens" ADD CONSTRAINT "onboarding_tokens_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "merchants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_requests" ADD CONSTRAINT "payment_requests_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_requests" ADD CONSTRAINT "payment_requests_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "merchants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proofs" ADD CONSTRAINT "proofs_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "payment_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "events"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "webhook_endpoints"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "webhook_deliveries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partner_notices" ADD CONSTRAINT "partner_notices_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

