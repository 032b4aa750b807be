// The merchant's own profile edits from the dashboard: business fields and display currency, with
// the Merchants API's field rules. A new display currency applies to requests created afterwards.
import { db } from "@/lib/db";
import { createMerchantInput } from "@/lib/schemas/merchant";

export const profileInput = createMerchantInput.pick({
  display_name: true,
  business_name: true,
  email: true,
  country: true,
  phone: true,
  website: true,
  instagram: true,
  industry: true,
  display_currency: true,
});

/** Empty strings clear a field. Throws ZodError on invalid values. */
export async function updateMerchantProfile(merchantId: string, raw: Record<string, string>) {
  const cleaned = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.trim() === "" ? null : k === "country" || k === "display_currency" ? v.trim().toUpperCase() : v.trim()]));
  const p = profileInput.parse(cleaned);
  return db.merchant.update({
    where: { id: merchantId },
    data: {
      displayName: p.display_name ?? null,
      businessName: p.business_name ?? null,
      email: p.email ?? null,
      country: p.country ?? null,
      phone: p.phone ?? null,
      website: p.website ?? null,
      instagram: p.instagram ?? null,
      industry: p.industry ?? null,
      displayCurrency: p.display_currency ?? null,
    },
  });
}
