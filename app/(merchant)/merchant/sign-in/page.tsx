import { redirect } from "next/navigation";
import { LanguageSwitcher } from "@/components/merchant/language-switcher";
import { SignInButton } from "@/components/merchant/sign-in-button";
import { currentMerchant } from "@/lib/auth/current-merchant";
import { dashboardMessagesFor } from "@/lib/i18n/dashboard-messages";
import { merchantPreferences } from "../preferences";

export const dynamic = "force-dynamic";

export default async function MerchantSignIn() {
  if (await currentMerchant()) redirect("/merchant");
  const { locale } = await merchantPreferences();
  const m = dashboardMessagesFor(locale);
  return (
    <main className="mx-auto max-w-md space-y-6 p-8">
      <h1 className="text-2xl font-semibold">{m.signInTitle}</h1>
      <p className="text-sm text-slate-600">{m.signInHint}</p>
      <SignInButton label={m.signInButton} waiting={m.waitingForWallet} />
      <LanguageSwitcher locale={locale} here="/merchant/sign-in" label={m.language} />
    </main>
  );
}
