"use client";
// Create a payment link. Business merchants choose POS or invoice and may add customer details;
// consumer accounts get the simple "request money" form (amount and a note). The POS screen's
// "New sale" comes back here (#new-sale) with the amount field ready to type into.
import { useEffect, useRef, useState } from "react";
import { createPaymentLink } from "@/app/(merchant)/merchant/actions";
import { fill } from "@/lib/i18n/format";
import type { DashboardMessages } from "@/lib/i18n/dashboard-messages";
import { NEW_SALE_ANCHOR } from "./new-sale";

/** The form's words, picked from the dashboard catalogue (only these travel to the browser). */
export type CreateLinkLabels = Pick<
  DashboardMessages,
  | "newLink"
  | "requestMoney"
  | "mode"
  | "modePos"
  | "modeInvoice"
  | "amount"
  | "whoIsPaying"
  | "memo"
  | "whatFor"
  | "customerName"
  | "customerEmail"
  | "customerPhone"
  | "createLink"
  | "createRequest"
  | "creating"
  | "accountDisabled"
>;

export function CreateLinkForm(props: { currency: string; business: boolean; disabled: boolean; t: CreateLinkLabels }) {
  const [mode, setMode] = useState<"pos" | "invoice">("pos");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const amount = useRef<HTMLInputElement>(null);
  const t = props.t;

  useEffect(() => {
    if (window.location.hash === `#${NEW_SALE_ANCHOR}`) amount.current?.focus();
  }, []);

  if (props.disabled) {
    return <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">{t.accountDisabled}</p>;
  }

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? "");
    setBusy(true);
    setError(null);
    setFieldErrors({});
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
      setFieldErrors(result.fieldErrors ?? {});
      setBusy(false);
      return;
    }
    window.location.assign(props.business && mode === "pos" ? `/merchant/pos/${result.requestId}` : `/merchant/requests/${result.requestId}`);
  }

  const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2";
  // What the server said about a field, beside it (the form's names: amount, memo, customer_…).
  const problem = (name: string) => fieldErrors[name] && <span className="text-xs text-red-700">{fieldErrors[name]}</span>;
  const invalid = (name: string) => (fieldErrors[name] ? true : undefined);
  return (
    <form id={NEW_SALE_ANCHOR} onSubmit={submit} className="scroll-mt-4 space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">{props.business ? t.newLink : t.requestMoney}</h2>
      {props.business && (
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm" role="radiogroup" aria-label={t.mode}>
          <label className="flex items-center gap-1">
            <input type="radio" name="mode" checked={mode === "pos"} onChange={() => setMode("pos")} /> {t.modePos}
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="mode" checked={mode === "invoice"} onChange={() => setMode("invoice")} /> {t.modeInvoice}
          </label>
        </div>
      )}
      <label className="block text-sm">
        {fill(t.amount, { currency: props.currency })}
        <input ref={amount} name="amount" inputMode="decimal" required placeholder="0.00" aria-invalid={invalid("amount")} className={input} />
        {problem("amount")}
      </label>
      {!props.business && (
        // Consumer requests are invoice-mode links (sent to someone, 7-day expiry), which the
        // Requests API only accepts with a named counterparty (customer_name).
        <label className="block text-sm">
          {t.whoIsPaying}
          <input name="customer_name" required maxLength={200} aria-invalid={invalid("customer_name")} className={input} />
          {problem("customer_name")}
        </label>
      )}
      <label className="block text-sm">
        {props.business ? t.memo : t.whatFor}
        <input name="memo" maxLength={200} aria-invalid={invalid("memo")} className={input} />
        {problem("memo")}
      </label>
      {props.business && mode === "invoice" && (
        <>
          <label className="block text-sm">
            {t.customerName}
            <input name="customer_name" aria-invalid={invalid("customer_name")} className={input} />
            {problem("customer_name")}
          </label>
          <label className="block text-sm">
            {t.customerEmail}
            <input name="customer_email" type="email" aria-invalid={invalid("customer_email")} className={input} />
            {problem("customer_email")}
          </label>
          <label className="block text-sm">
            {t.customerPhone}
            <input name="customer_phone" aria-invalid={invalid("customer_phone")} className={input} />
            {problem("customer_phone")}
          </label>
        </>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} className="w-full rounded-md bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-50 sm:w-auto">
        {busy ? t.creating : props.business ? t.createLink : t.createRequest}
      </button>
    </form>
  );
}
