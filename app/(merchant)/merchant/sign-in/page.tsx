import { redirect } from "next/navigation";
import { LanguageSwitcher } from "@/components/merchant/language-switcher";
import { SignInButton, type SignInLabels } from "@/components/merchant/sign-in-button";
import { WALLET_PROBLEM_KEYS } from "@/components/merchant/wallet-problem";
import { currentMerchant } from "@/lib/auth/session/current-merchant";
import { dashboardMessagesFor } from "@/lib/i18n/dashboard-messages";
import { merchantPreferences } from "../preferences";

export const dynamic = "force-dynamic";

const SIGN_IN_KEYS = ["signInButton", "waitingForWallet", "signInFailed", ...WALLET_PROBLEM_KEYS] as const satisfies readonly (keyof SignInLabels)[];

export default async function MerchantSignIn() {
  if (await currentMerchant()) redirect("/merchant");
  const { locale } = await merchantPreferences();
  const m = dashboardMessagesFor(locale);
  return (
    <main className="mx-auto max-w-md space-y-6 p-8">
      <h1 className="text-2xl font-semibold">{m.signInTitle}</h1>
      <p className="text-sm text-slate-600">{m.signInHint}</p>
      <SignInButton t={Object.fromEntries(SIGN_IN_KEYS.map((k) => [k, m[k]])) as SignInLabels} />
      <LanguageSwitcher locale={locale} here="/merchant/sign-in" label={m.language} />
    </main>
  );
}
