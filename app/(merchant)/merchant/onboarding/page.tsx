// The onboarding_url target (SPEC §8): partner-branded; a bad link gets a clear page, never a 500.
// In the dashboard's language (merchantPreferences: the switcher's cookie, else Accept-Language,
// else English); the layout sets <html lang>, and the actions answer in the same language.
import { OnboardingForm, type OnboardingFormLabels } from "@/components/merchant/onboarding-form";
import { WALLET_PROBLEM_KEYS } from "@/components/merchant/wallet-problem";
import { FIELD_COLUMNS, loadOnboardingLink, requiredFields } from "@/lib/auth/merchant/onboard";
import { dashboardMessagesFor, type DashboardMessages } from "@/lib/i18n/dashboard-messages";
import { fill } from "@/lib/i18n/format";
import { CURRENT_TERMS_VERSION } from "@/lib/merchants/complete-onboarding";
import { merchantPreferences } from "../preferences";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const m = dashboardMessagesFor((await merchantPreferences()).locale);
  return { title: m.onboardingTitle, robots: { index: false } };
}

const FORM_KEYS = [
  "onbWalletHeading",
  "onbConnected",
  "onbConnect",
  "onbWalletHelp",
  "onbDetailsHeading",
  "onbTerms",
  "onbConnectFailed",
  "onbFailed",
  "onbFinish",
  "waitingForWallet",
  ...WALLET_PROBLEM_KEYS,
] as const satisfies readonly (keyof OnboardingFormLabels)[];

const formLabels = (m: DashboardMessages): OnboardingFormLabels => Object.fromEntries(FORM_KEYS.map((k) => [k, m[k]])) as OnboardingFormLabels;

export default async function OnboardingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const m = dashboardMessagesFor((await merchantPreferences()).locale);
  const { token } = await searchParams;
  const link = typeof token === "string" ? await loadOnboardingLink(token) : null;
  if (!link) {
    const [beforeSignIn, afterSignIn = ""] = m.invalidLinkAsk.split("{signIn}");
    return (
      <main className="mx-auto max-w-md space-y-4 p-8">
        <h1 className="text-2xl font-semibold">{m.invalidLinkTitle}</h1>
        <p className="text-slate-700">{m.invalidLinkBody}</p>
        <p className="text-slate-700">
          {beforeSignIn}
          <a className="underline" href="/merchant/sign-in">
            {m.invalidLinkSignIn}
          </a>
          {afterSignIn}
        </p>
      </main>
    );
  }
  const { partner, merchant } = link;
  const fields = requiredFields(partner.onboardingRequiredFields).map((name) => ({
    name,
    label: m[`onbField_${name}`],
    type: name === "email" ? "email" : name === "website" ? "url" : "text",
    initial: merchant[FIELD_COLUMNS[name]] ?? "",
  }));
  return (
    <main className="mx-auto max-w-lg space-y-6 p-6">
      <header className="flex items-center gap-3 border-b-4 pb-4" style={{ borderColor: partner.brandPrimaryColor }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- partner logos are arbitrary external URLs */}
        {partner.brandLogoUrl && <img src={partner.brandLogoUrl} alt="" className="h-10 w-auto" />}
        <div>
          <p className="text-sm text-slate-500">{partner.name}</p>
          <h1 className="text-2xl font-semibold">{merchant.businessName ? fill(m.setupHeadingFor, { business: merchant.businessName }) : m.setupHeading}</h1>
        </div>
      </header>
      <OnboardingForm token={token as string} fields={fields} termsVersion={CURRENT_TERMS_VERSION} primaryColor={partner.brandPrimaryColor} t={formLabels(m)} />
    </main>
  );
}
