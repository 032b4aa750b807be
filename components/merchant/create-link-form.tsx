"use client";
// Create a payment link. Business merchants choose POS or invoice and may add customer details;
// consumer accounts get the simple "request money" form (amount and a note).
import { useState } from "react";
import { createPaymentLink } from "@/app/(merchant)/merchant/actions";

export function CreateLinkForm(props: { currency: string; business: boolean; disabled: boolean }) {
  const [mode, setMode] = useState<"pos" | "invoice">("pos");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (props.disabled) {
    return <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">This account is disabled: you can see your history, but not create new payment requests.</p>;
  }

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? "");
    setBusy(true);
    setError(null);
    const result = await createPaymentLink({
      amount: text("amount"),
      mode: props.business ? mode : "invoice",
      memo: text("memo"),
      customerName: text("customer_name"),
      customerEmail: text("customer_email"),
      customerPhone: text("customer_phone"),
    });
    if (!result.ok) {
      setError(result.error);
      setBusy(false);
      return;
    }
    window.location.assign(props.business && mode === "pos" ? `/merchant/pos/${result.requestId}` : `/merchant/requests/${result.requestId}`);
  }

  const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2";
  return (
    <form onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">{props.business ? "New payment link" : "Request money"}</h2>
      {props.business && (
        <div className="flex gap-4 text-sm" role="radiogroup" aria-label="Mode">
          <label className="flex items-center gap-1">
            <input type="radio" name="mode" checked={mode === "pos"} onChange={() => setMode("pos")} /> Point of sale (QR now)
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="mode" checked={mode === "invoice"} onChange={() => setMode("invoice")} /> Invoice (send a link)
          </label>
        </div>
      )}
      <label className="block text-sm">
        Amount ({props.currency})
        <input name="amount" inputMode="decimal" required placeholder="0.00" className={input} />
      </label>
      {!props.business && (
        // Consumer requests are invoice-mode links (sent to someone, 7-day expiry), which the
        // Requests API only accepts with a named counterparty (customer_name).
        <label className="block text-sm">
          Who is paying?
          <input name="customer_name" required maxLength={200} className={input} />
        </label>
      )}
      <label className="block text-sm">
        {props.business ? "Memo" : "What is it for?"}
        <input name="memo" maxLength={200} className={input} />
      </label>
      {props.business && mode === "invoice" && (
        <>
          <label className="block text-sm">
            Customer name
            <input name="customer_name" className={input} />
          </label>
          <label className="block text-sm">
            Customer email
            <input name="customer_email" type="email" className={input} />
          </label>
          <label className="block text-sm">
            Customer phone
            <input name="customer_phone" className={input} />
          </label>
        </>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-50">
        {props.business ? "Create link" : "Create request"}
      </button>
    </form>
  );
}
