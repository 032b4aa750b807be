// The pay page body: header with the partner's branding, what to pay, the live status, and the
// ways to pay. Rendered to HTML on the server (pages/pay/[id].tsx) and hydrated in the browser by
// the pay page's own small bundle (components/pay/hydrate.tsx), from the same props.
import { fill, formatFiat, formatUsdcMicro } from "@/lib/i18n/format";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { LOCALE_NAMES } from "@/lib/i18n/messages";
import { brandStyle } from "./brand";
import { LiveStatus } from "./live-status";
import { PayWithWallet } from "./pay-with-wallet";
import { isFinal, phaseOf } from "./phase";
import { ProofForm } from "./proof-form";
import type { PayViewProps } from "@/lib/pay-page/view-types";
import { QrPanel } from "./qr-panel";

export function PayView({ data, locale, m, proofOutcome, qr, now }: PayViewProps) {
  const s = data.status;
  const phase = phaseOf(s, now);
  const fiat = formatFiat(s.amount.fiat_int, s.amount.fiat_code, locale);
  const usdc = formatUsdcMicro(s.amount.usdc_micro);
  const selfUrl = (l: Locale) => `/pay/${data.requestId}?lang=${l}`;

  return (
    // Printed (the receipt, components/pay/live-status.tsx), the page keeps its brand colours and
    // drops what only serves paying: the amount due, the ways to pay, the language switcher.
    <div style={brandStyle(data.partner.primaryColor, data.partner.accentColor)} className="min-h-dvh print:min-h-0 print:[print-color-adjust:exact]">
      {s.test_mode ? (
        <p role="note" data-testid="test-banner" className="bg-amber-300 px-4 py-2 text-center text-sm font-semibold text-black">
          {m.testBanner}
        </p>
      ) : null}
      <header className="bg-[var(--brand-accent)] text-[var(--brand-on-accent)]">
        <div className="mx-auto flex max-w-md items-center gap-3 px-4 py-3">
          {data.partner.logoUrl ? (
            // A partner's logo on its own host; next/image would need every host configured.
            // eslint-disable-next-line @next/next/no-img-element
            <img src={data.partner.logoUrl} alt={data.partner.name} className="h-8 w-auto max-w-32 object-contain" />
          ) : null}
          <span className={data.partner.logoUrl ? "sr-only" : "font-semibold"} data-testid="partner-name">
            {data.partner.name}
          </span>
        </div>
      </header>

      <main className="mx-auto max-w-md space-y-4 px-4 py-5">
        <section aria-labelledby="pay-heading" className="rounded-xl border border-slate-200 bg-white p-4 print:hidden">
          <p className="text-sm text-slate-600">{m.pageTitle}</p>
          <h1 id="pay-heading" className="text-xl font-bold" data-testid="merchant-name">
            {fill(m.payTo, { merchant: data.merchantName })}
          </h1>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-600">{m.amountDue}</dt>
            <dd className="text-2xl font-bold" data-testid="fiat-amount">
              {fiat}
            </dd>
            <dt className="text-slate-600">{m.sendExactly}</dt>
            <dd className="font-mono text-base font-semibold" data-testid="usdc-amount">
              {usdc} USDC
            </dd>
            <dt className="text-slate-600">{m.network}</dt>
            <dd data-testid="network-name">{data.chain.name}</dd>
            {data.customerName ? (
              <>
                <dt className="text-slate-600">{m.billedTo}</dt>
                <dd data-testid="customer-name">{data.customerName}</dd>
              </>
            ) : null}
            {data.memo ? (
              <>
                <dt className="text-slate-600">{m.memo}</dt>
                <dd className="break-words" data-testid="memo">
                  {data.memo}
                </dd>
              </>
            ) : null}
          </dl>
        </section>

        <LiveStatus
          requestId={data.requestId}
          initial={s}
          renderedAt={now}
          locale={locale}
          m={m}
          merchantName={data.merchantName}
          memo={data.memo}
          networkName={data.chain.name}
          explorerTxUrl={data.chain.explorerTxUrl}
          refreshHref={selfUrl(locale)}
          proofForm={<ProofForm requestId={data.requestId} locale={locale} m={m} outcome={proofOutcome} />}
        >
          <section aria-label={m.payWithWallet} className="rounded-xl border border-slate-200 bg-white p-4">
            <PayWithWallet
              m={m}
              walletConnectProjectId={data.walletConnectProjectId}
              target={{
                requestId: data.requestId,
                chainId: data.chain.chainId,
                networkName: data.chain.name,
                nativeCurrencySymbol: data.chain.nativeCurrencySymbol,
                publicRpcUrl: data.chain.publicRpcUrl,
                usdc: data.usdcContract,
                recipient: data.receivingWallet,
                amountMicro: s.amount.usdc_micro,
                expiresAt: Math.floor(Date.parse(s.expires_at) / 1000),
              }}
            />
          </section>
          <QrPanel uri={data.paymentUri} svg={qr.svg} address={qr.address} usdcMicro={s.amount.usdc_micro} networkName={data.chain.name} m={m} />
        </LiveStatus>

        {/* Without JavaScript there is no polling: reload now and then while something may change. */}
        {!isFinal(phase) ? <noscript dangerouslySetInnerHTML={{ __html: '<meta http-equiv="refresh" content="15">' }} /> : null}

        <nav aria-label={m.language} className="flex flex-wrap justify-center gap-x-3 gap-y-1 text-sm print:hidden">
          {LOCALES.map((l) => (
            <a
              key={l}
              href={selfUrl(l)}
              lang={l}
              hrefLang={l}
              aria-current={l === locale ? "true" : undefined}
              className={l === locale ? "font-semibold text-slate-900" : "text-slate-700 underline"}
            >
              {LOCALE_NAMES[l]}
            </a>
          ))}
        </nav>
        <p className="text-center text-xs text-slate-600">{m.poweredBy}</p>
      </main>
    </div>
  );
}
