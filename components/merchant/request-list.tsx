// The merchant's payment requests, newest first, one row each: what it was for, when, the amount and
// its state in words — a list rather than a table, so a phone shows every row whole without
// sideways scrolling.
import Link from "next/link";
import { fill, formatFiat } from "@/lib/i18n/format";
import { formatShortDateTime } from "@/lib/i18n/dashboard-format";
import { stateLabel, type DashboardMessages } from "@/lib/i18n/dashboard-messages";
import type { Locale } from "@/lib/i18n/locales";
import type { RequestWithProofs } from "@/lib/merchants/dashboard-requests";
import type { PaymentFacts } from "@/lib/merchants/payment-facts";
import { PaymentStateBadge } from "./payment-state-badge";

export interface ListedRequest {
  request: RequestWithProofs;
  facts: PaymentFacts;
}

export function RequestList({ rows, m, locale, timeZone, empty }: { rows: ListedRequest[]; m: DashboardMessages; locale: Locale; timeZone: string; empty: string }) {
  if (rows.length === 0) return <p className="py-4 text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="request-list">
      {rows.map(({ request: r, facts }) => {
        const title = r.memo ?? r.customerName ?? m.requestTitle;
        const customer = r.memo && r.customerName ? fill(m.forCustomer, { customer: r.customerName }) : null;
        return (
          <li key={r.id} className="flex items-start justify-between gap-3 px-3 py-3" data-testid="request-row" data-request-id={r.id}>
            <div className="min-w-0 flex-1">
              <Link className="font-medium break-words underline decoration-slate-300 underline-offset-2 hover:decoration-slate-900" href={`/merchant/requests/${r.id}`}>
                {title}
              </Link>
              <p className="text-xs text-slate-600" data-testid="row-meta">
                <time dateTime={r.createdAt.toISOString()} data-testid="row-time">
                  {formatShortDateTime(r.createdAt, locale, timeZone)}
                </time>
                {customer ? <span className="break-words"> · {customer}</span> : null}
              </p>
            </div>
            <div className="flex shrink-0 flex-col items-end gap-1 text-right">
              <span className="font-semibold whitespace-nowrap" data-testid="row-amount">
                {formatFiat(r.fiatAmountInt, r.fiatCode, locale)}
              </span>
              <PaymentStateBadge state={facts.state} label={stateLabel(m, facts.state)} />
              {facts.simulated ? <span className="text-xs text-amber-900">{m.simulated}</span> : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
