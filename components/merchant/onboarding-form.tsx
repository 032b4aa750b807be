"use client";
// Onboarding: connect a wallet, fill the partner's required fields, accept the terms, then sign
// the server-issued SIWE message. Wallet code is loaded only when the merchant clicks.
import { useState } from "react";
import { prepareOnboardingSignature, submitOnboarding } from "@/app/(merchant)/merchant/actions";
import { fill } from "@/lib/i18n/format";
import type { DashboardMessages } from "@/lib/i18n/dashboard-messages";
import type { Connected } from "./wallet";
import { shownError, type WalletProblemLabels } from "./wallet-problem";

/** The form's words, picked from the dashboard catalogue (only these travel to the browser). */
export type OnboardingFormLabels = Pick<
  DashboardMessages,
  | "onbWalletHeading"
  | "onbConnected"
  | "onbConnect"
  | "onbWalletHelp"
  | "onbDetailsHeading"
  | "onbTerms"
  | "onbConnectFailed"
  | "onbFailed"
  | "onbFinish"
  | "waitingForWallet"
> &
  WalletProblemLabels;

export interface OnboardingFieldSpec {
  name: string;
  label: string;
  type: string;
  initial: string;
}

export function OnboardingForm(props: { token: string; fields: OnboardingFieldSpec[]; termsVersion: string; primaryColor: string; t: OnboardingFormLabels }) {
  const t = props.t;
  const [wallet, setWallet] = useState<Connected | null>(null);
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(props.fields.map((f) => [f.name, f.initial])));
  const [terms, setTerms] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function connect() {
    setError(null);
    setBusy(true);
    try {
      const { connectWallet } = await import("./wallet");
      setWallet(await connectWallet());
    } catch (err) {
      setError(shownError(err, t, t.onbConnectFailed));
    } finally {
      setBusy(false);
    }
  }

  async function finish(e: React.FormEvent) {
    e.preventDefault();
    if (!wallet) return;
    setError(null);
    setFieldErrors({});
    setBusy(true);
    try {
      const prepared = await prepareOnboardingSignature(props.token, wallet.address, wallet.chainId);
      if (!prepared.ok) throw new Error(prepared.error);
      const { personalSign } = await import("./wallet");
      const signature = await personalSign(wallet, prepared.message);
      const result = await submitOnboarding({
        token: props.token,
        message: prepared.message,
        signature,
        address: wallet.address,
        termsAccepted: terms,
        termsVersion: props.termsVersion,
        fields: values,
      });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        throw new Error(result.error);
      }
      window.location.assign(result.redirectTo);
    } catch (err) {
      setError(shownError(err, t, t.onbFailed));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={finish} className="space-y-5">
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-medium">{t.onbWalletHeading}</h2>
        {wallet ? (
          <p className="mt-2 text-sm" data-testid="connected-wallet">
            {t.onbConnected} <code className="break-all">{wallet.address}</code>
          </p>
        ) : (
          <button type="button" onClick={connect} disabled={busy} className="mt-3 rounded-md px-4 py-2 text-white" style={{ background: props.primaryColor }}>
            {t.onbConnect}
          </button>
        )}
        <p className="mt-2 text-xs text-slate-500">{t.onbWalletHelp}</p>
      </section>

      {props.fields.length > 0 && (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-medium">{t.onbDetailsHeading}</h2>
          {props.fields.map((f) => (
            <label key={f.name} className="block text-sm">
              <span className="text-slate-700">{f.label}</span>
              <input
                name={f.name}
                type={f.type}
                required
                value={values[f.name] ?? ""}
                onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                aria-invalid={fieldErrors[f.name] ? true : undefined}
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
              />
              {fieldErrors[f.name] && <span className="text-xs text-red-700">{fieldErrors[f.name]}</span>}
            </label>
          ))}
        </section>
      )}

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" checked={terms} onChange={(e) => setTerms(e.target.checked)} className="mt-1" />
          <span>{fill(t.onbTerms, { version: props.termsVersion })}</span>
        </label>
      </section>

      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}
      <button type="submit" disabled={!wallet || !terms || busy} className="w-full rounded-md px-4 py-3 font-medium text-white disabled:opacity-50" style={{ background: props.primaryColor }}>
        {busy && wallet ? t.waitingForWallet : t.onbFinish}
      </button>
    </form>
  );
}
