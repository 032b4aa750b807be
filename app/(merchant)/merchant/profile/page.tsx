import { MerchantHeader } from "@/components/merchant/merchant-header";
import { ChangeWallet, ProfileForm } from "@/components/merchant/profile-form";
import { requireMerchant } from "@/lib/auth/current-merchant";
import { dashboardMessagesFor } from "@/lib/i18n/dashboard-messages";
import { merchantPreferences } from "../preferences";

export const dynamic = "force-dynamic";

export default async function ProfilePage() {
  const { merchant: m, partner } = await requireMerchant();
  const t = dashboardMessagesFor((await merchantPreferences()).locale);
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
      <MerchantHeader merchant={m} partner={partner} m={t} />
      {/* The profile forms are English only so far (issue 19 translated the dashboard and POS). */}
      <main lang="en" className="mx-auto max-w-xl space-y-6 p-4">
        <ProfileForm initial={initial} />
        <ChangeWallet />
      </main>
    </>
  );
}
