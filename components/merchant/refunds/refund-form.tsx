"use client";
// "Refund" on a verified payment: how much (what is still refundable by default, partial allowed;
// in USDC and in the request's currency), where to (the wallet that paid, or an address the
// merchant pastes), why. JoPay records it and prepares the transfer; the section then has the
// merchant's wallet send it (./use-refund-sender).
import { useId, useState } from "react";
import { CopyButton } from "@/components/pay/copy-button";
import { startRefund } from "@/app/(merchant)/merchant/requests/[id]/refund-actions";
import type { RefundTransfer } from "./send-refund";
import { fill, formatFiat } from "@/lib/i18n/format";
import { formatUsdcAmount, shortAddress } from "@/lib/i18n/dashboard-format";
import type { Locale } from "@/lib/i18n/locales";
import { fiatShare, parseUsdcInput, usdcInputText } from "@/lib/merchants/refund-amounts";
import type { RefundLabels } from "./refund-labels";
import { ADDRESS_RE } from "@/lib/schemas/hex";


export interface RefundFormProps {
  requestId: string;
  /** Micro-units as a decimal string (bigint does not cross to the browser as props). */
  refundableMicro: string;
  /** The request's price, for the fiat value of an amount: fiatMinor at requestedMicro USDC. */
  requestedMicro: string;
  fiatMinor: string;
  fiatCode: string;
  /** The payer's address from the verified transfer; null when unknown (then an address is required). */
  payer: string | null;
  /** The wallet the payment went to (and the refund leaves from): never a destination. */
  wallet: string;
  locale: Locale;
  /** A wallet is at work for this section: no second submission meanwhile. */
  busy: boolean;
  onCreated: (refundId: string, transfer: RefundTransfer) => Promise<void>;
  t: RefundLabels;
}

export function RefundForm(p: RefundFormProps) {
  const t = p.t;
  const id = useId();
  const left = BigInt(p.refundableMicro);
  const [amount, setAmount] = useState(usdcInputText(left));
  const [target, setTarget] = useState<"payer" | "other">(p.payer ? "payer" : "other");
  const [other, setOther] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ amount?: string; to?: string; form?: string }>({});
  const [creating, setCreating] = useState(false);

  const micro = parseUsdcInput(amount);
  const fiat = (v: bigint) => formatFiat(fiatShare(v, BigInt(p.requestedMicro), BigInt(p.fiatMinor)), p.fiatCode, p.locale);
  const amountError = fill(t.refundAmountInvalid, { max: usdcInputText(left) });

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const next: typeof errors = {};
    if (micro === null || micro > left) next.amount = amountError;
    if (target === "other" && !ADDRESS_RE.test(other.trim())) next.to = t.refundAddressInvalid;
    else if (target === "other" && other.trim().toLowerCase() === p.wallet.toLowerCase()) next.to = t.refundAddressOwn;
    setErrors(next);
    if (next.amount || next.to) return;
    setCreating(true);
    const r = await startRefund({ requestId: p.requestId, amount, to: target === "other" ? other.trim() : "", reason });
    if (!r.ok) {
      setCreating(false);
      setErrors(r.field === "amount" || r.field === "to" ? { [r.field]: r.error } : { form: r.error });
      return;
    }
    await p.onCreated(r.refundId, r.transfer);
    setCreating(false);
  }

  const busy = creating || p.busy;
  const input = "mt-1 block w-full min-w-0 rounded-md border border-slate-300 px-3 py-2";
  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="refund-form" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="font-medium">
        {t.refundNew}
      </h3>
      <p className="text-sm text-slate-600">{t.refundNewHelp}</p>
      <div>
        <label className="block text-sm" htmlFor={`${id}-amount`}>
          {t.refundAmount}
        </label>
        <input
          id={`${id}-amount`}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          aria-invalid={errors.amount ? true : undefined}
          aria-describedby={`${id}-left${errors.amount ? ` ${id}-amount-err` : ""}`}
          className={`${input} font-mono`}
        />
        <p id={`${id}-left`} className="mt-1 text-xs text-slate-600" data-testid="refund-left">
          {fill(t.refundLeft, { usdc: formatUsdcAmount(left, p.locale), fiat: fiat(left) })}
          {micro !== null && micro !== left && micro <= left ? <span data-testid="refund-fiat"> · {fill(t.refundFiatValue, { usdc: formatUsdcAmount(micro, p.locale), fiat: fiat(micro) })}</span> : null}
        </p>
        {errors.amount && (
          <p id={`${id}-amount-err`} role="alert" className="text-xs text-red-700">
            {errors.amount}
          </p>
        )}
      </div>
      <fieldset className="space-y-2 text-sm">
        <legend>{t.refundDestination}</legend>
        {p.payer ? (
          <div className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-2">
              <input type="radio" name="to" checked={target === "payer"} onChange={() => setTarget("payer")} />
              <span>
                {t.refundToPayer}{" "}
                <code className="font-mono text-xs" title={p.payer} data-testid="refund-payer">
                  {shortAddress(p.payer)}
                </code>
              </span>
            </label>
            <CopyButton value={p.payer} label={t.refundCopy} copiedLabel={t.refundCopied} />
          </div>
        ) : (
          <p className="text-slate-600">{t.refundNoPayer}</p>
        )}
        {p.payer && (
          <label className="flex items-center gap-2">
            <input type="radio" name="to" checked={target === "other"} onChange={() => setTarget("other")} />
            {t.refundToOther}
          </label>
        )}
        {target === "other" && (
          <div>
            <label className="block" htmlFor={`${id}-other`}>
              {t.refundOtherAddress}
            </label>
            <input
              id={`${id}-other`}
              name="to_address"
              autoComplete="off"
              spellCheck={false}
              placeholder="0x…"
              value={other}
              onChange={(e) => setOther(e.target.value)}
              aria-invalid={errors.to ? true : undefined}
              aria-describedby={errors.to ? `${id}-to-err` : undefined}
              className={`${input} font-mono text-xs`}
            />
            {errors.to && (
              <p id={`${id}-to-err`} role="alert" className="text-xs text-red-700">
                {errors.to}
              </p>
            )}
          </div>
        )}
      </fieldset>
      <div>
        <label className="block text-sm" htmlFor={`${id}-reason`}>
          {t.refundReason}
        </label>
        <input id={`${id}-reason`} name="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} className={input} />
      </div>
      {errors.form && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {errors.form}
        </p>
      )}
      <button type="submit" disabled={busy} className="w-full rounded-md bg-blue-700 px-4 py-3 font-medium text-white disabled:opacity-50 sm:w-auto">
        {busy ? t.refundWorking : t.refundSend}
      </button>
    </form>
  );
}
