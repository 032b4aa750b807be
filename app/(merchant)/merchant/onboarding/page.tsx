// The onboarding_url target (SPEC §8): partner-branded; a bad link gets a clear page, never a 500.
import { OnboardingForm } from "@/components/merchant/onboarding-form";
import { FIELD_COLUMNS, loadOnboardingLink, ONBOARDING_FIELD_LABELS, requiredFields } from "@/lib/auth/onboard-merchant";
import { CURRENT_TERMS_VERSION } from "@/lib/merchants/complete-onboarding";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up payments — JoPay", robots: { index: false } };


export default async function OnboardingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const link = typeof token === "string" ? await loadOnboardingLink(token) : null;
  if (!link) {
    return (
      <main lang="en" className="mx-auto max-w-md space-y-4 p-8">
        <h1 className="text-2xl font-semibold">This link can’t be used</h1>
        <p className="text-slate-700">This onboarding link is invalid, was already used, or has expired. Links work once and for 7 days.</p>
        <p className="text-slate-700">Ask the platform that sent it for a new link. Already set up? <a className="underline" href="/merchant/sign-in">Sign in</a>.</p>
      </main>
    );
  }
  const { partner, merchant } = link;
  const fields = requiredFields(partner.onboardingRequiredFields).map((name) => ({
    name,
    label: ONBOARDING_FIELD_LABELS[name],
    type: name === "email" ? "email" : name === "website" ? "url" : "text",
    initial: merchant[FIELD_COLUMNS[name]] ?? "",
  }));
  return (
    <main lang="en" className="mx-auto max-w-lg space-y-6 p-6">
      <header className="flex items-center gap-3 border-b-4 pb-4" style={{ borderColor: partner.brandPrimaryColor }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- partner logos are arbitrary external URLs */}
        {partner.brandLogoUrl && <img src={partner.brandLogoUrl} alt="" className="h-10 w-auto" />}
        <div>
          <p className="text-sm text-slate-500">{partner.name}</p>
          <h1 className="text-2xl font-semibold">Set up crypto payments{merchant.businessName ? ` for ${merchant.businessName}` : ""}</h1>
        </div>
      </header>
      <OnboardingForm token={token as string} fields={fields} termsVersion={CURRENT_TERMS_VERSION} primaryColor={partner.brandPrimaryColor} />
    </main>
  );
}
