// The merchant dashboard: create links, see requests (filterable), export CSV. Consumer accounts
// get the simple "request money" surface; business accounts the full one.
import Link from "next/link";
import { CreateLinkForm } from "@/components/merchant/create-link-form";
import { MerchantHeader } from "@/components/merchant/merchant-header";
import { requireMerchant } from "@/lib/auth/current-merchant";
import { listMerchantRequests, type RequestFilters } from "@/lib/merchants/dashboard-requests";
import { formatFiat } from "@/lib/merchants/money-format";
import { effectiveCurrency } from "@/lib/requests/create-request";

export const dynamic = "force-dynamic";

const STATUSES = ["requested", "opened", "expired", "voided"] as const;
const PROOFS = ["none", "attached", "verified"] as const;

/** Default CSV range: the last 30 days (UTC dates). */
function exportRange() {
  const now = new Date();
  return { today: now.toISOString().slice(0, 10), monthAgo: new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10) };
}

function pick<T extends string>(v: unknown, allowed: readonly T[]): T | undefined {
  return typeof v === "string" && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

export default async function MerchantHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireMerchant();
  const { merchant, partner } = session;
  const q = await searchParams;
  const business = merchant.accountType === "business";
  const filters: RequestFilters = { status: pick(q.status, STATUSES), proofStatus: pick(q.proof, PROOFS), limit: 50 };
  const { requests } = await listMerchantRequests(merchant, filters);
  const currency = effectiveCurrency(merchant, partner);
  const { today, monthAgo } = exportRange();

  return (
    <>
      <MerchantHeader merchant={merchant} partner={partner} />
      <main className="mx-auto max-w-4xl space-y-6 p-4">
        <CreateLinkForm currency={currency} business={business} disabled={merchant.disabled} />

        <section className="space-y-3">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <h2 className="text-lg font-medium">{business ? "Payment requests" : "Your requests"}</h2>
            {business && (
              <form className="flex gap-2 text-sm">
                <select name="status" defaultValue={filters.status ?? ""} aria-label="Status" className="rounded border px-2 py-1">
                  <option value="">Any status</option>
                  {STATUSES.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
                <select name="proof" defaultValue={filters.proofStatus ?? ""} aria-label="Payment" className="rounded border px-2 py-1">
                  <option value="">Any payment</option>
                  {PROOFS.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
                <button className="rounded border px-2 py-1">Filter</button>
              </form>
            )}
          </div>
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1">Created</th>
                <th>Amount</th>
                <th>Memo</th>
                <th>Status</th>
                <th>Payment</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} className="border-t border-slate-200">
                  <td className="py-2">
                    <Link className="underline" href={`/merchant/requests/${r.id}`}>
                      {r.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                    </Link>
                  </td>
                  <td>
                    {formatFiat(r.fiatAmountInt, r.fiatCode)} {r.fiatCode}
                  </td>
                  <td>{r.memo}</td>
                  <td>{r.status}</td>
                  <td>{r.proofStatus}</td>
                </tr>
              ))}
              {requests.length === 0 && (
                <tr>
                  <td colSpan={5} className="py-4 text-slate-500">
                    No requests yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </section>

        {business && (
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="font-medium">Export</h2>
            <form action="/api/merchant/export" method="get" className="mt-2 flex flex-wrap items-end gap-2 text-sm">
              <label>
                From <input type="date" name="since" defaultValue={monthAgo} className="rounded border px-2 py-1" />
              </label>
              <label>
                To <input type="date" name="until" defaultValue={today} className="rounded border px-2 py-1" />
              </label>
              <button className="rounded border px-3 py-1">Download CSV</button>
            </form>
          </section>
        )}
      </main>
    </>
  );
}
