// The partner overview's two daily charts over the last 30 days — verified USDC volume and verified
// payments — drawn by the same day-bar chart as the merchant dashboard's.
import { DayBarChart } from "@/components/charts/day-bar-chart";
import { formatDay, formatUsdcAmount } from "@/lib/i18n/dashboard-format";
import type { DayVolume } from "@/lib/merchants/sales-summary";

const day = (d: string) => formatDay(d, "en");
const usdc = (micro: bigint) => `${formatUsdcAmount(micro, "en")} USDC`;
const payments = (n: number | bigint) => `${n} ${n === 1 || n === 1n ? "payment" : "payments"}`;

export function VolumeCharts({ days }: { days: DayVolume[] }) {
  const total = days.reduce((s, d) => s + d.usdcMicro, 0n);
  const count = days.reduce((s, d) => s + d.payments, 0);
  const range = `${day(days[0].day)} to ${day(days[days.length - 1].day)} (UTC)`;
  const empty = "No verified payments in the last 30 days.";
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <div className="min-w-0">
        <h3 className="mb-1 text-sm font-medium text-slate-700">USDC received per day</h3>
        <DayBarChart
          bars={days.map((d) => ({ day: d.day, value: d.usdcMicro, title: `${day(d.day)}: ${usdc(d.usdcMicro)}` }))}
          unit={1_000_000n}
          formatAxis={(top) => formatUsdcAmount(top, "en").replace(/[.,]0+$/, "")}
          formatDay={day}
          summary={`USDC received per day, ${range}: ${usdc(total)} in all`}
          empty={empty}
          testId="volume-chart"
        />
      </div>
      <div className="min-w-0">
        <h3 className="mb-1 text-sm font-medium text-slate-700">Verified payments per day</h3>
        <DayBarChart
          bars={days.map((d) => ({ day: d.day, value: BigInt(d.payments), title: `${day(d.day)}: ${payments(d.payments)}` }))}
          unit={1n}
          formatAxis={(top) => String(top)}
          formatDay={day}
          summary={`Verified payments per day, ${range}: ${payments(count)} in all`}
          empty={empty}
          testId="payments-chart"
        />
      </div>
    </div>
  );
}
