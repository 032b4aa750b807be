import type { Merchant } from "@/lib/generated/prisma/client";
import { merchantOutput, type MerchantOutput } from "@/lib/schemas/merchant";

/** The seed's merchant object. `onboardingUrl` is supplied by the caller (null once complete). */
export function serializeMerchant(
  m: Merchant,
  partnerSlug: string,
  onboardingUrl: string | null,
): MerchantOutput {
  return merchantOutput.parse({
    merchant_id: m.id,
    email: m.email,
    display_name: m.displayName,
    business_name: m.businessName,
    country: m.country,
    phone: m.phone,
    website: m.website,
    instagram: m.instagram,
    industry: m.industry,
    account_type: m.accountType,
    onboarding_status: m.onboardingStatus,
    wallet_address: m.walletAddress,
    display_currency: m.displayCurrency,
    home_portal: partnerSlug,
    disabled: m.disabled,
    created_at: m.createdAt.toISOString(),
    test_mode: m.testMode,
    onboarding_url: m.onboardingStatus === "complete" ? null : onboardingUrl,
  });
}
