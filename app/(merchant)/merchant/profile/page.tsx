import { MerchantHeader } from "@/components/merchant/merchant-header";
import { ChangeWallet, ProfileForm } from "@/components/merchant/profile-form";
import { requireMerchant } from "@/lib/auth/current-merchant";

export const dynamic = "force-dynamic";

export default async function ProfilePage() {
  const { merchant: m, partner } = await requireMerchant();
  const initial = {
    business_name: m.businessName ?? "",
    display_name: m.displayName ?? "",
    email: m.email ?? "",
    country: m.country ?? "",
    phone: m.phone ?? "",
    website: m.website ?? "",
    instagram: m.instagram ?? "",
    industry: m.industry ?? "",
    display_currency: m.displayCurrency ?? "",
  };
  return (
    <>
      <MerchantHeader merchant={m} partner={partner} />
      <main className="mx-auto max-w-xl space-y-6 p-4">
        <ProfileForm initial={initial} />
        <ChangeWallet />
      </main>
    </>
  );
}
