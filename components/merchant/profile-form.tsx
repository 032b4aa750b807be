"use client";
// Profile: business fields and display currency; and the payout wallet, which changes only with a
// signature from the new wallet.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { prepareWalletChange, saveProfile, submitWalletChange } from "@/app/(merchant)/merchant/actions";

const LABELS: Record<string, string> = {
  business_name: "Business name",
  display_name: "Your name",
  email: "Email",
  country: "Country (2 letters)",
  phone: "Phone",
  website: "Website",
  instagram: "Instagram",
  industry: "Industry",
  display_currency: "Display currency (e.g. EUR)",
};

export function ProfileForm(props: { initial: Record<string, string> }) {
  const router = useRouter();
  const [msg, setMsg] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const r = await saveProfile(Object.fromEntries(Object.keys(LABELS).map((k) => [k, String(f.get(k) ?? "")])));
    setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
    setMsg(r.ok ? "Saved." : r.error);
    if (r.ok) router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">Profile</h2>
      {Object.entries(LABELS).map(([k, label]) => (
        <label key={k} className="block text-sm">
          {label}
          <input name={k} defaultValue={props.initial[k] ?? ""} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
          {errors[k] && <span className="text-xs text-red-700">{errors[k]}</span>}
        </label>
      ))}
      {msg && <p role="status" className="text-sm">{msg}</p>}
      <button type="submit" className="rounded-md bg-blue-700 px-4 py-2 text-white">
        Save
      </button>
    </form>
  );
}

export function ChangeWallet() {
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
      setMsg("Payout wallet changed. Requests created before keep their original wallet.");
      router.refresh();
    } catch (err) {
      setMsg(err instanceof Error ? err.message : "Could not change the wallet.");
    }
  }
  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">Payout wallet</h2>
      <p className="text-sm text-slate-600">Select the new account in your wallet, then sign with it to prove you control it.</p>
      <button type="button" onClick={change} className="rounded-md border px-4 py-2">
        Change payout wallet
      </button>
      {msg && <p role="status" className="text-sm">{msg}</p>}
    </section>
  );
}
