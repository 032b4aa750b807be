// What came in today, this week and this month: the fiat the sales were priced in (one line per
// currency) and the USDC that arrived, with the number of payments.
import { formatFiat } from "@/lib/i18n/format";
import { formatUsdcAmount } from "@/lib/i18n/dashboard-format";
import { paymentsCount, type DashboardMessages } from "@/lib/i18n/dashboard-messages";
import type { Locale } from "@/lib/i18n/locales";
import type { MoneyTotal, SalesSummary } from "@/lib/merchants/sales-summary";

function Total({ label, t, currency, m, locale, id }: { label: string; t: MoneyTotal; currency: string; m: DashboardMessages; locale: Locale; id: string }) {
  // With no sales yet the merchant's own currency still shows, at zero.
  const fiat = t.fiat.length ? t.fiat : [{ code: currency, minor: 0n }];
  return (
    // A row on a phone (label left, money right), a card from sm up. Money never truncates: it wraps.
    <div className="flex min-w-0 items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:block" data-testid={`total-${id}`}>
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 space-y-0.5 text-right [overflow-wrap:anywhere] sm:mt-1 sm:text-left">
        {fiat.map((f) => (
          <span key={f.code} className="block text-xl font-semibold sm:text-2xl" data-testid="total-fiat">
            {formatFiat(f.minor, f.code, locale)}
          </span>
        ))}
        <span className="block font-mono text-xs text-slate-700" data-testid="total-usdc">
          {formatUsdcAmount(t.usdcMicro, locale)} USDC
        </span>
        <span className="block text-xs text-slate-600" data-testid="total-count">
          {paymentsCount(m, locale, t.payments)}
        </span>
      </dd>
    </div>
  );
}

export function SalesTotals({ summary, currency, m, locale }: { summary: SalesSummary; currency: string; m: DashboardMessages; locale: Locale }) {
  const { today, week, month } = summary.totals;
  return (
    <dl className="grid gap-2 sm:grid-cols-3 sm:gap-3">
      <Total id="today" label={m.totalToday} t={today} currency={currency} m={m} locale={locale} />
      <Total id="7d" label={m.total7d} t={week} currency={currency} m={m} locale={locale} />
      <Total id="30d" label={m.total30d} t={month} currency={currency} m={m} locale={locale} />
    </dl>
  );
}
