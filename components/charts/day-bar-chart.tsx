// Daily bars rendered on the server as plain SVG: no chart library and no JavaScript. The merchant
// dashboard's USDC chart and the partner console's volume and payment-count charts are this one
// component. Values are bigint (micro-units or counts): bar heights come from bigint arithmetic, so
// a sum past 2^53 is drawn as exactly as it is added up. The labels are HTML beside the SVG so they
// keep their size on any screen while the bars stretch to the width.

const HEIGHT = 100;
const SLOT = 10;

export interface DayBar {
  /** YYYY-MM-DD. */
  day: string;
  value: bigint;
  /** The bar's tooltip (its day and value in words). */
  title: string;
}

/** The axis top in whole units: the smallest 1, 2 or 5 × 10^k at or above `max` (rounded up to a unit). */
export function niceAxisMax(max: bigint, unit: bigint = 1n): bigint {
  const whole = (max + unit - 1n) / unit;
  for (let p = 1n; ; p *= 10n) for (const step of [1n, 2n, 5n]) if (step * p >= whole) return step * p;
}

export interface DayBarChartProps {
  bars: DayBar[];
  /** One unit of `value` on the axis (1_000_000n for USDC micro-units, 1n for counts). */
  unit: bigint;
  /** The axis top's label, given the top in `value`'s units. */
  formatAxis: (top: bigint) => string;
  /** A day's label under the first and last bar. */
  formatDay: (day: string) => string;
  /** What the chart says as a whole (the SVG's accessible name). */
  summary: string;
  /** Shown instead of the chart when every bar is zero. */
  empty: string;
  testId?: string;
}

export function DayBarChart({ bars, unit, formatAxis, formatDay, summary, empty, testId = "sales-chart" }: DayBarChartProps) {
  const best = bars.reduce((a, d) => (d.value > a.value ? d : a), bars[0]);
  if (!best || best.value === 0n) return <p className="text-sm text-slate-600">{empty}</p>;
  const top = niceAxisMax(best.value, unit) * unit;
  return (
    <figure className="space-y-1">
      <div className="flex items-stretch gap-2">
        <div className="flex flex-col justify-between text-right text-xs text-slate-600" aria-hidden="true" data-testid="chart-axis">
          <span>{formatAxis(top)}</span>
          <span>0</span>
        </div>
        <svg
          role="img"
          aria-label={summary}
          viewBox={`0 0 ${bars.length * SLOT} ${HEIGHT}`}
          preserveAspectRatio="none"
          className="h-28 min-w-0 flex-1 border-b border-l border-slate-300"
          data-testid={testId}
        >
          {bars.map((d, i) => {
            // Integer pixels of HEIGHT; a day with anything shows at least a sliver.
            const h = d.value === 0n ? 0 : Math.max(1, Number((d.value * BigInt(HEIGHT)) / top));
            return (
              <rect key={d.day} x={i * SLOT + 1.5} y={HEIGHT - h} width={SLOT - 3} height={h} className={i === bars.length - 1 ? "fill-emerald-700" : "fill-emerald-500"}>
                <title>{d.title}</title>
              </rect>
            );
          })}
        </svg>
      </div>
      <figcaption className="flex justify-between pl-8 text-xs text-slate-600" data-testid="chart-days">
        <span>{formatDay(bars[0].day)}</span>
        <span>{formatDay(bars[bars.length - 1].day)}</span>
      </figcaption>
    </figure>
  );
}
