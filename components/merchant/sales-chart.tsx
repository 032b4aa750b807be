// Daily USDC volume as bars, rendered on the server as plain SVG: no chart library and no
// JavaScript (the pay page's bundle never sees it). Bar heights come from bigint arithmetic on the
// micro-unit sums; the labels are HTML beside the SVG so they keep their size on any screen while
// the bars stretch to the width.
import { fill } from "@/lib/i18n/format";
import { formatDay, formatUsdcAmount } from "@/lib/i18n/dashboard-format";
import { paymentsCount, type DashboardMessages } from "@/lib/i18n/dashboard-messages";
import type { Locale } from "@/lib/i18n/locales";
import type { DayVolume } from "@/lib/merchants/sales-summary";

const HEIGHT = 100;
const MICRO = 1_000_000n;

/** The axis top in whole USDC: the smallest 1, 2 or 5 × 10^k at or above the best day. */
export function axisMaxUsdc(maxMicro: bigint): bigint {
  const whole = (maxMicro + MICRO - 1n) / MICRO;
  for (let p = 1n; ; p *= 10n) for (const step of [1n, 2n, 5n]) if (step * p >= whole) return step * p;
}

export function SalesChart({ days, m, locale }: { days: DayVolume[]; m: DashboardMessages; locale: Locale }) {
  const best = days.reduce((a, d) => (d.usdcMicro > a.usdcMicro ? d : a), days[0]);
  const total = days.reduce((s, d) => s + d.usdcMicro, 0n);
  if (!best || total === 0n) return <p className="text-sm text-slate-600">{m.chartEmpty}</p>;
  const top = axisMaxUsdc(best.usdcMicro) * MICRO;
  const slot = 10;
  const summary = fill(m.chartSummary, { total: formatUsdcAmount(total, locale), day: formatDay(best.day, locale), best: formatUsdcAmount(best.usdcMicro, locale) });
  return (
    <figure className="space-y-1">
      <div className="flex items-stretch gap-2">
        <div className="flex flex-col justify-between text-right text-xs text-slate-600" aria-hidden="true" data-testid="chart-axis">
          <span>{formatUsdcAmount(top, locale).replace(/[.,]0+$/, "")}</span>
          <span>0</span>
        </div>
        <svg
          role="img"
          aria-label={summary}
          viewBox={`0 0 ${days.length * slot} ${HEIGHT}`}
          preserveAspectRatio="none"
          className="h-28 min-w-0 flex-1 border-b border-l border-slate-300"
          data-testid="sales-chart"
        >
          {days.map((d, i) => {
            // Integer pixels of HEIGHT; a day with any payment shows at least a sliver.
            const h = d.usdcMicro === 0n ? 0 : Math.max(1, Number((d.usdcMicro * BigInt(HEIGHT)) / top));
            return (
              <rect key={d.day} x={i * slot + 1.5} y={HEIGHT - h} width={slot - 3} height={h} className={i === days.length - 1 ? "fill-emerald-700" : "fill-emerald-500"}>
                <title>{fill(m.chartBar, { day: formatDay(d.day, locale), amount: formatUsdcAmount(d.usdcMicro, locale), payments: paymentsCount(m, locale, d.payments) })}</title>
              </rect>
            );
          })}
        </svg>
      </div>
      <figcaption className="flex justify-between pl-8 text-xs text-slate-600" data-testid="chart-days">
        <span>{formatDay(days[0].day, locale)}</span>
        <span>{formatDay(days[days.length - 1].day, locale)}</span>
      </figcaption>
    </figure>
  );
}
