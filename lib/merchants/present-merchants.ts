// Merchants as the API returns them: the seed's object with a live onboarding_url for incomplete
// merchants (rebuilt from the latest unused token, issued lazily when none is valid).
import type { Merchant } from "@/lib/generated/prisma/client";
import type { MerchantOutput } from "@/lib/schemas/merchant";
import { onboardingUrls } from "./onboarding-token";
import { serializeMerchant } from "./serialize-merchant";

export async function presentMerchants(partnerSlug: string, merchants: Merchant[]): Promise<MerchantOutput[]> {
  const urls = await onboardingUrls(merchants);
  return merchants.map((m) => serializeMerchant(m, partnerSlug, urls.get(m.id) ?? null));
}

export async function presentMerchant(partnerSlug: string, merchant: Merchant): Promise<MerchantOutput> {
  return (await presentMerchants(partnerSlug, [merchant]))[0];
}
