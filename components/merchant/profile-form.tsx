"use client";
// Profile: business fields and display currency; and the payout wallet, which changes only with a
// signature from the new wallet.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { prepareWalletChange, saveProfile, submitWalletChange } from "@/app/(merchant)/merchant/actions";
import type { DashboardMessages } from "@/lib/i18n/dashboard-messages";
import { shownError, type WalletProblemLabels } from "./wallet-problem";

/** A profile field (saveProfile's name) with its label, in the order the form shows them. */
export interface ProfileFieldSpec {
  name: string;
  label: string;
}

/** The forms' words, picked from the dashboard catalogue (only these travel to the browser). */
export type ProfileFormLabels = Pick<DashboardMessages, "profileHeading" | "profileSaved" | "profileSave">;
export type ChangeWalletLabels = Pick<DashboardMessages, "walletHeading" | "walletHelp" | "walletChange" | "walletChanged" | "walletChangeFailed"> & WalletProblemLabels;

export function ProfileForm(props: { fields: ProfileFieldSpec[]; initial: Record<string, string>; t: ProfileFormLabels }) {
  const t = props.t;
  const router = useRouter();
  const [msg, setMsg] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const r = await saveProfile(Object.fromEntries(props.fields.map(({ name }) => [name, String(f.get(name) ?? "")])));
    setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
    setMsg(r.ok ? t.profileSaved : r.error);
    if (r.ok) router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">{t.profileHeading}</h2>
      {props.fields.map(({ name, label }) => (
        <label key={name} className="block text-sm">
          {label}
          <input name={name} defaultValue={props.initial[name] ?? ""} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
          {errors[name] && <span className="text-xs text-red-700">{errors[name]}</span>}
        </label>
      ))}
      {msg && <p role="status" className="text-sm">{msg}</p>}
      <button type="submit" className="rounded-md bg-blue-700 px-4 py-2 text-white">
        {t.profileSave}
      </button>
    </form>
  );
}

export function ChangeWallet({ t }: { t: ChangeWalletLabels }) {
  const router = useRouter();
  const [msg, setMsg] = useState<string | null>(null);
  async function change() {
    setMsg(null);
    try {
      const { connectWallet, personalSign } = await import("./wallet");
      const wallet = await connectWallet();
      const prepared = await prepareWalletChange(wallet.address, wallet.chainId);
      if (!prepared.ok) throw new Error(prepared.error);
      const r = await submitWalletChange(prepared.message, await personalSign(wallet, prepared.message), wallet.address);
      if (!r.ok) throw new Error(r.error);
      setMsg(t.walletChanged);
      router.refresh();
    } catch (err) {
      setMsg(shownError(err, t, t.walletChangeFailed));
    }
  }
  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">{t.walletHeading}</h2>
      <p className="text-sm text-slate-600">{t.walletHelp}</p>
      <button type="button" onClick={change} className="rounded-md border px-4 py-2">
        {t.walletChange}
      </button>
      {msg && <p role="status" className="text-sm">{msg}</p>}
    </section>
  );
}
