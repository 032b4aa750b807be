"use client";
// Merchant sign-in: connect, sign the server-issued SIWE message, and land on the dashboard.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { prepareSignIn, submitSignIn } from "@/app/(merchant)/merchant/actions";
import type { DashboardMessages } from "@/lib/i18n/dashboard-messages";
import { shownError, type WalletProblemLabels } from "./wallet-problem";

/** The button's words, picked from the dashboard catalogue (only these travel to the browser). */
export type SignInLabels = Pick<DashboardMessages, "signInButton" | "waitingForWallet" | "signInFailed"> & WalletProblemLabels;

export function SignInButton({ t }: { t: SignInLabels }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signIn() {
    setBusy(true);
    setError(null);
    try {
      const { connectWallet, personalSign } = await import("./wallet");
      const wallet = await connectWallet();
      const prepared = await prepareSignIn(wallet.address, wallet.chainId);
      if (!prepared.ok) throw new Error(prepared.error);
      const signature = await personalSign(wallet, prepared.message);
      const result = await submitSignIn(prepared.message, signature, wallet.address);
      if (!result.ok) throw new Error(result.error);
      router.replace("/merchant");
      router.refresh();
    } catch (err) {
      setError(shownError(err, t, t.signInFailed));
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3">
      <button type="button" onClick={signIn} disabled={busy} className="w-full rounded-md bg-blue-700 px-4 py-3 font-medium text-white disabled:opacity-50">
        {busy ? t.waitingForWallet : t.signInButton}
      </button>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
