// The merchant dashboard: what came in (totals and a daily chart), a form for a new link, the
// requests with their state in words (searchable), CSV export. Consumer accounts get the simple
// "request money" surface; business accounts the full one. In the merchant's language, phone first.
import { CreateLinkForm, type CreateLinkLabels } from "@/components/merchant/create-link-form";
import { DashboardFooter } from "@/components/merchant/dashboard-footer";
import { MerchantHeader } from "@/components/merchant/merchant-header";
import { RequestList } from "@/components/merchant/request-list";
import { SalesChart } from "@/components/merchant/sales-chart";
import { SalesTotals } from "@/components/merchant/sales-totals";
import { requireMerchant } from "@/lib/auth/session/current-merchant";
import { dashboardMessagesFor, stateLabel, type DashboardMessages } from "@/lib/i18n/dashboard-messages";
import { fill } from "@/lib/i18n/format";
import { listMerchantRequests } from "@/lib/merchants/dashboard-requests";
import { paymentFacts } from "@/lib/merchants/payment-facts";
import { isPaymentState, PAYMENT_STATES } from "@/lib/merchants/payment-state";
import { SEARCH_MAX_LENGTH } from "@/lib/merchants/request-search";
import { salesSummary } from "@/lib/merchants/sales-summary";
import { effectiveCurrency } from "@/lib/requests/create-request";
import { merchantPreferences } from "./preferences";

export const dynamic = "force-dynamic";

const LIST_LIMIT = 50;

/** Default CSV range: the last 30 days (UTC dates). */
function exportRange() {
  const now = new Date();
  return { today: now.toISOString().slice(0, 10), monthAgo: new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10) };
}

const CREATE_LINK_KEYS = [
  "newLink",
  "requestMoney",
  "mode",
  "modePos",
  "modeInvoice",
  "amount",
  "whoIsPaying",
  "memo",
  "whatFor",
  "customerName",
  "customerEmail",
  "customerPhone",
  "createLink",
  "createRequest",
  "creating",
  "accountDisabled",
] as const satisfies readonly (keyof CreateLinkLabels)[];

const createLinkLabels = (m: DashboardMessages): CreateLinkLabels => Object.fromEntries(CREATE_LINK_KEYS.map((k) => [k, m[k]])) as CreateLinkLabels;

const field = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export default async function MerchantHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { merchant, partner } = await requireMerchant();
  const prefs = await merchantPreferences();
  const { locale, timeZone } = prefs;
  const m = dashboardMessagesFor(locale);
  const query = await searchParams;
  const business = merchant.accountType === "business";
  const q = business && typeof query.q === "string" ? query.q.trim().slice(0, SEARCH_MAX_LENGTH) : "";
  const state = business && isPaymentState(query.state) ? query.state : undefined;
  const now = new Date();
  const [{ requests, hasMore }, summary] = await Promise.all([
    listMerchantRequests(merchant, { q, state, now, limit: LIST_LIMIT }),
    salesSummary(merchant, { now, timeZone }),
  ]);
  const rows = requests.map((r) => ({ request: r, facts: paymentFacts(r, r.proofs, now) }));
  const currency = effectiveCurrency(merchant, partner);
  const { today, monthAgo } = exportRange();
  const searching = Boolean(q || state);
  const params = new URLSearchParams({ ...(q ? { q } : {}), ...(state ? { state } : {}) }).toString();

  return (
    <>
      <MerchantHeader merchant={merchant} partner={partner} m={m} />
      <main className="mx-auto max-w-5xl space-y-6 p-4">
        <h1 className="sr-only">{m.dashboardName}</h1>
        <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <section aria-labelledby="sales-heading" className="min-w-0 space-y-3">
            <h2 id="sales-heading" className="text-lg font-medium">
              {m.salesHeading}
            </h2>
            <SalesTotals summary={summary} currency={currency} m={m} locale={locale} />
            <div className="rounded-lg border border-slate-200 bg-white p-3">
              <h3 className="mb-2 text-sm font-medium text-slate-700">{m.chartHeading}</h3>
              <SalesChart days={summary.days} m={m} locale={locale} />
            </div>
          </section>
          <div className="min-w-0">
            <CreateLinkForm currency={currency} business={business} disabled={merchant.disabled} t={createLinkLabels(m)} />
          </div>
        </div>

        <section aria-labelledby="requests-heading" className="space-y-3">
          <h2 id="requests-heading" className="text-lg font-medium">
            {business ? m.requestsHeading : m.yourRequests}
          </h2>
          {business && (
            <form role="search" className="grid gap-2 text-sm sm:grid-cols-[minmax(0,1fr)_12rem_auto] sm:items-end">
              <label className="block min-w-0">
                {m.search}
                <input type="search" name="q" defaultValue={q} maxLength={SEARCH_MAX_LENGTH} placeholder={m.searchHint} className={field} />
              </label>
              <label className="block">
                {m.status}
                <select name="state" defaultValue={state ?? ""} className={field}>
                  <option value="">{m.anyStatus}</option>
                  {PAYMENT_STATES.map((s) => (
                    <option key={s} value={s}>
                      {stateLabel(m, s)}
                    </option>
                  ))}
                </select>
              </label>
              <div className="flex items-center gap-3">
                <button className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-100">{m.searchButton}</button>
                {searching ? (
                  <a href="/merchant" className="underline">
                    {m.clearSearch}
                  </a>
                ) : null}
              </div>
            </form>
          )}
          <RequestList rows={rows} m={m} locale={locale} timeZone={timeZone} empty={searching ? m.noMatches : m.noRequests} />
          {hasMore ? <p className="text-xs text-slate-600">{fill(m.newestOnly, { count: String(LIST_LIMIT) })}</p> : null}
        </section>

        {business && (
          <section aria-labelledby="export-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="export-heading" className="font-medium">
              {m.exportHeading}
            </h2>
            <form action="/api/merchant/export" method="get" className="mt-2 flex flex-wrap items-end gap-2 text-sm">
              <label>
                {m.exportFrom} <input type="date" name="since" defaultValue={monthAgo} className="rounded border border-slate-300 px-2 py-1" />
              </label>
              <label>
                {m.exportTo} <input type="date" name="until" defaultValue={today} className="rounded border border-slate-300 px-2 py-1" />
              </label>
              <button className="rounded border border-slate-300 px-3 py-1">{m.downloadCsv}</button>
            </form>
          </section>
        )}
      </main>
      <DashboardFooter prefs={prefs} m={m} here={params ? `/merchant?${params}` : "/merchant"} />
    </>
  );
}
