// The receipt of a paid POS sale, on screen under the confirmation and alone on the printed sheet:
// who was paid, how much (fiat and USDC), when, on which network, the transaction — or, for a
// test-mode simulation, a plain statement that no transaction exists — and the request id.
import { formatDateTime, formatFiat } from "@/lib/i18n/format";
import { formatUsdcAmount } from "@/lib/i18n/dashboard-format";
import type { DashboardMessages } from "@/lib/i18n/dashboard-messages";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { PaymentRequest } from "@/lib/generated/prisma/client";
import type { PaymentFacts } from "@/lib/merchants/payment-facts";
import { SimulatedNote } from "./simulated-note";

export function PosReceipt(p: { request: PaymentRequest; facts: PaymentFacts; merchantName: string; m: DashboardMessages; pm: Messages; locale: Locale; timeZone: string }) {
  const { request: r, facts, m, pm, locale } = p;
  return (
    <section aria-labelledby="receipt-heading" data-testid="pos-receipt" className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-4 text-left print:max-w-none print:border-0 print:p-0">
      <h2 id="receipt-heading" className="text-lg font-semibold">
        {pm.receipt}
      </h2>
      <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-600">{pm.receiptMerchant}</dt>
        <dd>{p.merchantName}</dd>
        <dt className="text-slate-600">{pm.receiptAmount}</dt>
        <dd>
          <span data-testid="receipt-fiat">{formatFiat(r.fiatAmountInt, r.fiatCode, locale)}</span> ·{" "}
          <span className="font-mono" data-testid="receipt-usdc">
            {formatUsdcAmount(facts.receivedMicro ?? r.usdcMicro, locale)} USDC
          </span>
        </dd>
        {r.memo ? (
          <>
            <dt className="text-slate-600">{m.fieldMemo}</dt>
            <dd className="break-words">{r.memo}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">{pm.receiptTime}</dt>
        <dd data-testid="receipt-time">{facts.verifiedAt ? formatDateTime(facts.verifiedAt, locale, p.timeZone) : "—"}</dd>
        <dt className="text-slate-600">{pm.network}</dt>
        <dd>{facts.network}</dd>
        <dt className="text-slate-600">{pm.receiptTx}</dt>
        <dd data-testid="receipt-tx">
          {facts.simulated ? (
            <SimulatedNote text={m.simulatedPayment} label={m.simulated} />
          ) : (
            <>
              <span className="block font-mono text-xs break-all" data-testid="receipt-tx-hash">
                {facts.txHash}
              </span>
              {facts.explorerUrl ? (
                <a href={facts.explorerUrl} target="_blank" rel="noopener noreferrer" className="font-medium underline print:hidden">
                  {m.viewOnExplorer}
                </a>
              ) : null}
            </>
          )}
        </dd>
        <dt className="text-slate-600">{m.receiptRequest}</dt>
        <dd className="font-mono text-xs break-all" data-testid="receipt-request-id">
          {r.id}
        </dd>
      </dl>
    </section>
  );
}
