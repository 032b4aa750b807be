import { MerchantHeader } from "@/components/merchant/merchant-header";
import { ChangeWallet, ProfileForm, type ChangeWalletLabels, type ProfileFormLabels } from "@/components/merchant/profile-form";
import { WALLET_PROBLEM_KEYS } from "@/components/merchant/wallet-problem";
import { requireMerchant } from "@/lib/auth/session/current-merchant";
import { dashboardMessagesFor, type DashboardMessages } from "@/lib/i18n/dashboard-messages";
import { merchantPreferences } from "../preferences";

export const dynamic = "force-dynamic";

/** The profile's fields (saveProfile's names), in the order the form shows them; each has a `profileField_…` label. */
const PROFILE_FIELDS = ["business_name", "display_name", "email", "country", "phone", "website", "instagram", "industry", "display_currency"] as const;
const PROFILE_KEYS = ["profileHeading", "profileSaved", "profileSave"] as const satisfies readonly (keyof ProfileFormLabels)[];
const WALLET_KEYS = ["walletHeading", "walletHelp", "walletChange", "walletChanged", "walletChangeFailed", ...WALLET_PROBLEM_KEYS] as const satisfies readonly (keyof ChangeWalletLabels)[];

const pick = <K extends keyof DashboardMessages>(m: DashboardMessages, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, m[k]])) as Pick<DashboardMessages, K>;

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
  } satisfies Record<(typeof PROFILE_FIELDS)[number], string>;
  const fields = PROFILE_FIELDS.map((name) => ({ name, label: t[`profileField_${name}`] }));
  return (
    <>
      <MerchantHeader merchant={m} partner={partner} m={t} />
      {/* In the dashboard's language, like the rest of it; the layout sets <html lang>. */}
      <main className="mx-auto max-w-xl space-y-6 p-4">
        <ProfileForm fields={fields} initial={initial} t={pick(t, PROFILE_KEYS)} />
        <ChangeWallet t={pick(t, WALLET_KEYS)} />
      </main>
    </>
  );
}
