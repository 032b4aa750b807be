// The merchant dashboard's daily USDC volume: the shared day-bar chart in the dashboard's language.
import { DayBarChart } from "@/components/charts/day-bar-chart";
import { fill } from "@/lib/i18n/format";
import { formatDay, formatUsdcAmount } from "@/lib/i18n/dashboard-format";
import { paymentsCount, type DashboardMessages } from "@/lib/i18n/dashboard-messages";
import type { Locale } from "@/lib/i18n/locales";
import type { DayVolume } from "@/lib/merchants/sales-summary";

export function SalesChart({ days, m, locale }: { days: DayVolume[]; m: DashboardMessages; locale: Locale }) {
  const best = days.reduce((a, d) => (d.usdcMicro > a.usdcMicro ? d : a), days[0]);
  const total = days.reduce((s, d) => s + d.usdcMicro, 0n);
  const day = (d: string) => formatDay(d, locale);
  return (
    <DayBarChart
      bars={days.map((d) => ({ day: d.day, value: d.usdcMicro, title: fill(m.chartBar, { day: day(d.day), amount: formatUsdcAmount(d.usdcMicro, locale), payments: paymentsCount(m, locale, d.payments) }) }))}
      unit={1_000_000n}
      formatAxis={(top) => formatUsdcAmount(top, locale).replace(/[.,]0+$/, "")}
      formatDay={day}
      summary={best && total > 0n ? fill(m.chartSummary, { total: formatUsdcAmount(total, locale), day: day(best.day), best: formatUsdcAmount(best.usdcMicro, locale) }) : ""}
      empty={m.chartEmpty}
    />
  );
}
