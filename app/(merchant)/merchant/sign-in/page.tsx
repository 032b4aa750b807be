import { redirect } from "next/navigation";
import { SignInButton } from "@/components/merchant/sign-in-button";
import { currentMerchant } from "@/lib/auth/current-merchant";

export const dynamic = "force-dynamic";

export default async function MerchantSignIn() {
  if (await currentMerchant()) redirect("/merchant");
  return (
    <main className="mx-auto max-w-md space-y-6 p-8">
      <h1 className="text-2xl font-semibold">Merchant sign-in</h1>
      <p className="text-sm text-slate-600">Sign in with the wallet your payments go to. Signing costs nothing and sends no transaction.</p>
      <SignInButton />
    </main>
  );
}
