"use client";
// The request page's refunds: the list (amount in USDC and the request's currency, where it goes,
// its status in words, its transaction), what the merchant can do with each (approve or decline
// the partner's ask; send from the wallet or withdraw one not sent yet), and the form for a new
// one. One client component, so a wallet's answer stays on screen while the page re-reads itself.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { approvePartnerRefund, cancelMerchantRefund } from "@/app/(merchant)/merchant/requests/[id]/refund-actions";
import { fill, formatFiat } from "@/lib/i18n/format";
import { formatUsdcAmount, shortAddress } from "@/lib/i18n/dashboard-format";
import type { Locale } from "@/lib/i18n/locales";
import { fiatShare } from "@/lib/merchants/refund-amounts";
import type { REFUND_STATUSES } from "@/lib/schemas/refund";
import { RefundForm } from "./refund-form";
import { refundStatusText, type RefundLabels } from "./refund-labels";
import type { WalletChain } from "./send-refund";
import { useRefundSender } from "./use-refund-sender";

export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** A refund as the browser gets it (micro-units as decimal strings). */
export interface RefundView {
  id: string;
  status: RefundStatus;
  amountMicro: string;
  toAddress: string;
  txHash: string | null;
  simulated: boolean;
  reason: string | null;
  initiatedBy: "merchant" | "partner";
  rejectionReason: string | null;
}

export interface RefundSectionProps {
  requestId: string;
  refunds: RefundView[];
  /** The verified payment's room for a new refund; null when it cannot take one from here. */
  refundable: { micro: string; payer: string | null } | null;
  /** The request's receiving wallet: refunds leave from it. */
  wallet: string;
  requestedMicro: string;
  fiatMinor: string;
  fiatCode: string;
  partner: string;
  locale: Locale;
  chain: WalletChain;
  explorerTxUrl: string | null;
  t: RefundLabels;
}

/** While a refund is on its way, the page re-reads itself until the chain has decided. */
const REFRESH_MS = 2000;

const tone: Record<RefundStatus, string> = {
  requested: "bg-amber-100 text-amber-900",
  awaiting_transfer: "bg-amber-100 text-amber-900",
  submitted: "bg-blue-100 text-blue-900",
  verified: "bg-green-100 text-green-900",
  rejected: "bg-red-100 text-red-900",
  cancelled: "bg-slate-100 text-slate-800",
};

export function RefundSection(p: RefundSectionProps) {
  const t = p.t;
  const router = useRouter();
  const sender = useRefundSender(p.chain, t);
  const [acting, setActing] = useState<string | null>(null);
  const confirming = p.refunds.some((r) => r.status === "submitted");

  useEffect(() => {
    if (!confirming) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [confirming, router]);

  async function act(refundId: string, action: (id: string) => Promise<{ ok: true } | { ok: false; error: string }>) {
    setActing(refundId);
    sender.setNotice(null);
    const r = await action(refundId);
    if (!r.ok) sender.setNotice({ refundId, message: r.error });
    setActing(null);
    router.refresh();
  }

  const fiat = (micro: string) => formatFiat(fiatShare(BigInt(micro), BigInt(p.requestedMicro), BigInt(p.fiatMinor)), p.fiatCode, p.locale);
  const busy = acting !== null || sender.busy !== null;
  const button = "rounded-md border px-3 py-2 text-sm font-medium disabled:opacity-50";
  const primary = `${button} border-blue-700 bg-blue-700 text-white`;
  const secondary = `${button} border-slate-300 bg-white text-slate-900`;
  const alert = (refundId: string) =>
    sender.notice?.refundId === refundId ? (
      <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800" data-testid="refund-error">
        {sender.notice.message}
      </p>
    ) : null;

  return (
    <>
      {p.refunds.length > 0 && (
        <ul className="space-y-2" data-testid="refund-list">
          {p.refunds.map((r) => {
            const explorer = r.txHash && !r.simulated && p.explorerTxUrl ? p.explorerTxUrl.replace("{hash}", r.txHash) : null;
            return (
              <li key={r.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="refund-row" data-refund-id={r.id} data-status={r.status}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span>
                    <span className="font-mono" data-testid="refund-amount">
                      {formatUsdcAmount(r.amountMicro, p.locale)} USDC
                    </span>{" "}
                    <span className="text-slate-600">({fiat(r.amountMicro)})</span>
                  </span>
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${tone[r.status]}`} data-testid="refund-status">
                    {sender.busy === r.id ? t.refundStatus_awaiting_transfer : refundStatusText(t, r)}
                  </span>
                </div>
                <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
                  <dt className="text-slate-600">{t.refundListTo}</dt>
                  <dd className="min-w-0">
                    <code title={r.toAddress} data-testid="refund-to">
                      {shortAddress(r.toAddress)}
                    </code>
                  </dd>
                  {r.txHash && (
                    <>
                      <dt className="text-slate-600">{t.refundListTx}</dt>
                      <dd className="min-w-0">
                        {r.simulated ? (
                          t.refundSimulated
                        ) : (
                          <>
                            <code className="block break-all" data-testid="refund-tx">
                              {r.txHash}
                            </code>
                            {explorer && (
                              <a href={explorer} target="_blank" rel="noopener noreferrer" className="font-medium underline" data-testid="refund-explorer-link">
                                {t.viewOnExplorer}
                              </a>
                            )}
                          </>
                        )}
                      </dd>
                    </>
                  )}
                  {r.reason && (
                    <>
                      <dt className="text-slate-600">{t.refundListReason}</dt>
                      <dd className="min-w-0 break-words">{r.reason}</dd>
                    </>
                  )}
                </dl>
                {r.initiatedBy === "partner" && <p className="text-xs text-slate-600">{fill(t.refundByPartner, { partner: p.partner })}</p>}
                {r.status === "requested" && (
                  <div className="flex flex-wrap gap-2">
                    <button type="button" disabled={busy} onClick={() => act(r.id, approvePartnerRefund)} className={primary}>
                      {t.refundApprove}
                    </button>
                    <button type="button" disabled={busy} onClick={() => act(r.id, cancelMerchantRefund)} className={secondary}>
                      {t.refundDecline}
                    </button>
                  </div>
                )}
                {r.status === "awaiting_transfer" && (
                  <div className="flex flex-wrap gap-2">
                    <button type="button" disabled={busy} onClick={() => void sender.send(r.id)} className={primary}>
                      {sender.busy === r.id ? t.refundWorking : t.refundSendNow}
                    </button>
                    <button type="button" disabled={busy} onClick={() => act(r.id, cancelMerchantRefund)} className={secondary}>
                      {t.refundCancel}
                    </button>
                  </div>
                )}
                {alert(r.id)}
              </li>
            );
          })}
        </ul>
      )}
      {p.refundable && BigInt(p.refundable.micro) > 0n ? (
        <RefundForm
          // A fresh form (its amount: what is left) whenever what is left changes.
          key={p.refundable.micro}
          requestId={p.requestId}
          refundableMicro={p.refundable.micro}
          requestedMicro={p.requestedMicro}
          fiatMinor={p.fiatMinor}
          fiatCode={p.fiatCode}
          payer={p.refundable.payer}
          wallet={p.wallet}
          locale={p.locale}
          busy={busy}
          onCreated={(refundId, transfer) => sender.send(refundId, transfer)}
          t={t}
        />
      ) : p.refundable ? (
        <p className="text-sm text-slate-600" data-testid="refund-nothing-left">
          {t.refundNothingLeft}
        </p>
      ) : null}
    </>
  );
}
