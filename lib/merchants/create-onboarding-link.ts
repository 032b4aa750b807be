// POST /api/v1/merchants/:id/onboarding_link (SPEC §5): a fresh single-use onboarding URL with a
// 7-day expiry, optionally remembering where to send the merchant afterwards. Older unused links
// stay valid until they expire or onboarding completes (which makes every link useless).
import { ApiError } from "@/lib/errors";
import { findMerchantOrNotFound, type TenantScope } from "@/lib/tenancy";
import { recordAuditFor, type AuditFor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { Merchant } from "@/lib/generated/prisma/client";
import { issueOnboardingToken, onboardingUrlFor } from "./onboarding-token";

/** `audit` (console): the action's audit entry, written in the token's transaction. */
export async function createOnboardingLink(scope: TenantScope, merchantId: string, returnUrl: string | null, opts: { audit?: AuditFor<{ merchant: Merchant; expiresAt: Date }> } = {}) {
  const merchant = await findMerchantOrNotFound(scope, merchantId);
  if (merchant.onboardingStatus === "complete") {
    throw new ApiError("validation_error", "This merchant has already completed onboarding.", {
      details: [{ field: "merchant_id", issue: "onboarding is already complete" }],
    });
  }
  const token = await db.$transaction(async (tx) => {
    const issued = await issueOnboardingToken(merchant.id, { returnUrl }, tx);
    await recordAuditFor(tx, opts.audit, { merchant, expiresAt: issued.expiresAt });
    return issued;
  });
  return { merchant, onboardingUrl: onboardingUrlFor(token), expiresAt: token.expiresAt };
}
