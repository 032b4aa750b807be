// Completing onboarding: the merchant gets its verified payout wallet, accepts the terms, and the
// partner is told with `merchant.onboarding_completed` — in one transaction (SPEC §6).
import { ApiError } from "@/lib/errors";
import { db, Prisma, type Tx } from "@/lib/db";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { emitEvent } from "@/lib/events/emit-event";
import type { Merchant } from "@/lib/generated/prisma/client";
import { serializeMerchant } from "./serialize-merchant";

export const CURRENT_TERMS_VERSION = "2026-11-01";

export interface CompleteOnboardingInput {
  merchantId: string;
  /** Already proven to belong to the merchant (SIWE) or, in development, a local account. */
  walletAddress: string;
  termsVersion?: string;
  /** Fields the partner's onboarding policy requires, collected in the flow. */
  fields?: Partial<Pick<Merchant, "email" | "displayName" | "businessName" | "country" | "phone" | "website" | "instagram" | "industry">>;
  /** Consumed in the same transaction, so a token can complete at most one onboarding. */
  onboardingTokenId?: string;
}

export async function completeOnboarding(input: CompleteOnboardingInput, client: typeof db = db) {
  const wallet = input.walletAddress.toLowerCase();
  try {
    return await client.$transaction(async (tx: Tx) => {
      if (input.onboardingTokenId) {
        const used = await tx.onboardingToken.updateMany({
          where: { id: input.onboardingTokenId, usedAt: null, expiresAt: { gt: new Date() } },
          data: { usedAt: new Date() },
        });
        if (used.count !== 1) throw new ApiError("not_found", "This onboarding link was already used or has expired.");
      }
      const current = await tx.merchant.findUnique({ where: { id: input.merchantId }, include: { partner: true } });
      if (!current) throw new ApiError("not_found");
      if (current.onboardingStatus === "complete") throw new ApiError("merchant_already_onboarded");
      // Still incomplete when the row is locked: of two concurrent completions the second waits
      // here, then matches nothing (P2025) instead of completing, and emitting, twice.
      const merchant = await tx.merchant.update({
        where: { id: input.merchantId, onboardingStatus: "incomplete" },
        data: {
          ...input.fields,
          walletAddress: wallet,
          onboardingStatus: "complete",
          onboardingCompletedAt: new Date(),
          termsVersion: input.termsVersion ?? CURRENT_TERMS_VERSION,
          termsAcceptedAt: new Date(),
        },
      });
      await emitEvent(tx, {
        partnerId: merchant.partnerId,
        testMode: merchant.testMode,
        type: "merchant.onboarding_completed",
        data: serializeMerchant(merchant, current.partner.slug, null),
        merchantId: merchant.id,
      });
      return merchant;
    });
  } catch (err) {
    if (uniqueViolation(err)) throw new ApiError("wallet_address_conflict");
    if (recordNotFound(err)) throw new ApiError("merchant_already_onboarded");
    throw err;
  }
}

const recordNotFound = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2025";
