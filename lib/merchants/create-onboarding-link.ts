// POST /api/v1/merchants/:id/onboarding_link (SPEC §5): a fresh single-use onboarding URL with a
// 7-day expiry, optionally remembering where to send the merchant afterwards. Older unused links
// stay valid until they expire or onboarding completes (which makes every link useless).
import { ApiError } from "@/lib/api/errors";
import { findMerchantOrNotFound, type TenantScope } from "@/lib/api/tenant";
import { issueOnboardingToken, onboardingUrlFor } from "./onboarding-token";

export async function createOnboardingLink(scope: TenantScope, merchantId: string, returnUrl: string | null) {
  const merchant = await findMerchantOrNotFound(scope, merchantId);
  if (merchant.onboardingStatus === "complete") {
    throw new ApiError("validation_error", "This merchant has already completed onboarding.", {
      details: [{ field: "merchant_id", issue: "onboarding is already complete" }],
    });
  }
  const token = await issueOnboardingToken(merchant.id, { returnUrl });
  return { merchant, onboardingUrl: onboardingUrlFor(token), expiresAt: token.expiresAt };
}
