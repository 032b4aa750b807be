// One of the signed-in merchant's requests: its state in words, the amounts, the transaction (or
// that it was simulated) with its explorer link, and a timeline of what happened — including the
// webhooks the partner was sent. Another merchant's id is a 404.
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { DashboardFooter } from "@/components/merchant/dashboard-footer";
import { MerchantHeader } from "@/components/merchant/merchant-header";
import { PaymentStateBadge } from "@/components/merchant/payment-state-badge";
import { refundLabels } from "@/components/merchant/refunds/refund-labels";
import { RefundSection } from "@/components/merchant/refunds/refund-section";
import { RequestTimelineList } from "@/components/merchant/request-timeline-list";
import { SimulatedNote } from "@/components/merchant/simulated-note";
import { requireMerchant } from "@/lib/auth/session/current-merchant";
import { dashboardMessagesFor, stateLabel } from "@/lib/i18n/dashboard-messages";
import { formatUsdcAmount } from "@/lib/i18n/dashboard-format";
import { fill, formatDateTime, formatFiat } from "@/lib/i18n/format";
import { messagesFor } from "@/lib/i18n/messages";
import { getMerchantRequest, refundOptions } from "@/lib/merchants/dashboard-requests";
import { isPaid } from "@/lib/merchants/payment-state";
import { paymentFacts } from "@/lib/merchants/payment-facts";
import { requestTimeline } from "@/lib/merchants/request-timeline";
import { chainFor } from "@/lib/pay-page/load-pay-page";
import { payPageUrl } from "@/lib/urls";
import { merchantPreferences } from "../../preferences";

export const dynamic = "force-dynamic";

export default async function RequestDetail({ params }: { params: Promise<{ id: string }> }) {
  const { merchant, partner } = await requireMerchant();
  const prefs = await merchantPreferences();
  const { locale, timeZone } = prefs;
  const found = await getMerchantRequest(merchant, (await params).id);
  if (!found) notFound();
  const { request: r, events, proofs, deliveries, refunds } = found;
  const m = dashboardMessagesFor(locale);
  const pm = messagesFor(locale);
  const facts = paymentFacts(r, proofs, new Date());
  const url = payPageUrl(r.id);
  const via = { api: m.via_api, dashboard: m.via_dashboard, admin: m.via_admin }[r.createdVia] ?? r.createdVia;
  const when = (d: Date) => formatDateTime(d, locale, timeZone);
  const refundable = await refundOptions(r, proofs);
  const network = chainFor(r.chainId, r.testMode);
  const walletChain = { chainId: r.chainId, name: network.name, publicRpcUrl: network.publicRpcUrl, nativeCurrencySymbol: network.nativeCurrencySymbol };
  const rt = refundLabels(m);

  const usdc = (micro: bigint) => <span className="font-mono">{formatUsdcAmount(micro, locale)} USDC</span>;
  const rows: [string, ReactNode, string?][] = [
    [m.fieldAmount, formatFiat(r.fiatAmountInt, r.fiatCode, locale)],
    [m.fieldUsdc, usdc(r.usdcMicro)],
    [m.fieldReceived, facts.receivedMicro === null ? null : usdc(facts.receivedMicro)],
    [m.fieldMode, r.paymentMode === "pos" ? m.modeValuePos : m.modeValueInvoice],
    [m.fieldMemo, r.memo],
    [m.fieldCustomer, [r.customerName, r.customerEmail, r.customerPhone].filter(Boolean).join(" · ") || null],
    [m.fieldNetwork, facts.network],
    [m.fieldPaidTo, <code key="wallet" className="text-xs break-all">{r.receivingWallet}</code>],
    [
      m.fieldTransaction,
      facts.txHash ? (
        facts.simulated ? (
          <SimulatedNote key="tx" text={m.simulatedPayment} label={m.simulated} />
        ) : (
          <span key="tx">
            <code className="block text-xs break-all" data-testid="detail-tx-hash">
              {facts.txHash}
            </code>
            {facts.explorerUrl ? (
              <a href={facts.explorerUrl} target="_blank" rel="noopener noreferrer" className="font-medium underline" data-testid="explorer-link">
                {m.viewOnExplorer}
              </a>
            ) : null}
          </span>
        )
      ) : null,
      "detail-transaction",
    ],
    [m.fieldExpires, when(r.expiresAt)],
  ];

  return (
    <>
      <MerchantHeader merchant={merchant} partner={partner} m={m} />
      <main className="mx-auto max-w-5xl space-y-6 p-4">
        <p className="text-sm">
          <Link className="underline" href="/merchant">
            {m.backToDashboard}
          </Link>
        </p>
        <div className="space-y-2">
          <h1 className="text-xl font-semibold break-words">{r.memo ?? r.customerName ?? m.requestTitle}</h1>
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <PaymentStateBadge state={facts.state} label={stateLabel(m, facts.state)} />
            <span className="font-mono text-xs break-all text-slate-600" data-testid="detail-request-id">
              {fill(m.requestId, { id: r.id })}
            </span>
          </p>
          <p className="text-sm" data-testid="detail-pay-link">
            {m.payLink}:{" "}
            <a className="break-all underline" href={url}>
              {url}
            </a>
            {r.paymentMode === "pos" && !isPaid(facts.state) && (
              <>
                {" · "}
                <Link className="underline" href={`/merchant/pos/${r.id}`}>
                  {m.showQr}
                </Link>
              </>
            )}
          </p>
        </div>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[12rem_minmax(0,1fr)]">
          {rows.map(([k, v, testId]) => (
            <div key={k} className="contents">
              <dt className="pt-2 text-slate-600 sm:pt-0">{k}</dt>
              <dd className="min-w-0 break-words" data-testid={testId}>
                {v ?? "—"}
              </dd>
            </div>
          ))}
        </dl>
        {((refundable && !refundable.simulated) || refunds.length > 0) && (
          <section aria-labelledby="refunds-heading" className="space-y-3" data-testid="refunds">
            <h2 id="refunds-heading" className="text-lg font-semibold">
              {rt.refundsHeading}
            </h2>
            <RefundSection
              requestId={r.id}
              refunds={refunds.map((x) => ({
                id: x.id,
                status: x.status,
                amountMicro: x.amountMicro.toString(),
                toAddress: x.toAddress,
                txHash: x.txHash,
                simulated: x.simulated,
                reason: x.reason,
                initiatedBy: x.initiatedBy,
                rejectionReason: x.rejectionReason,
              }))}
              // Sent from the merchant's wallet only for a payment that moved real USDC.
              refundable={refundable && !refundable.simulated ? { micro: refundable.refundableMicro.toString(), payer: refundable.payer } : null}
              wallet={r.receivingWallet}
              requestedMicro={r.usdcMicro.toString()}
              fiatMinor={String(r.fiatAmountInt)}
              fiatCode={r.fiatCode}
              partner={partner.name}
              locale={locale}
              chain={walletChain}
              explorerTxUrl={network.explorerTxUrl}
              t={rt}
            />
          </section>
        )}
        <RequestTimelineList entries={requestTimeline(r, events, deliveries)} via={via} partner={partner.name} m={m} pm={pm} when={when} />
      </main>
      <DashboardFooter prefs={prefs} m={m} here={`/merchant/requests/${r.id}`} />
    </>
  );
}
