import Link from "next/link";
import { partnerRequests } from "@/lib/console/read/partner";
import { partnerPageCtx } from "@/lib/console/page-ctx";
import { Card, Field, Select, Table, td, when } from "@/components/ui/field";
import { formatMinor, formatUsdc } from "@/components/partner/money";

type Query = { status?: string; proof_status?: string; merchant_id?: string; since?: string; until?: string; offset?: string };

export default async function RequestsPage({ searchParams }: { searchParams: Promise<Query> }) {
  const sp = await searchParams;
  const { requests, hasMore, query, invalid } = await partnerRequests(await partnerPageCtx(), { ...sp, limit: "50" });
  const next = new URLSearchParams(Object.entries({ ...sp, offset: String(query.offset + query.limit) }).filter(([, v]) => v) as [string, string][]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Requests</h1>
      <Card>
        <form className="mb-3 flex flex-wrap items-end gap-2">
          <Select label="Status" name="status" defaultValue={sp.status ?? ""}>
            <option value="">any</option>
            {["requested", "opened", "expired", "voided"].map((s) => <option key={s}>{s}</option>)}
          </Select>
          <Select label="Proof" name="proof_status" defaultValue={sp.proof_status ?? ""}>
            <option value="">any</option>
            {["none", "attached", "verified"].map((s) => <option key={s}>{s}</option>)}
          </Select>
          <Field label="Merchant id" name="merchant_id" defaultValue={sp.merchant_id ?? ""} />
          <Field label="Since" name="since" type="date" defaultValue={sp.since ?? ""} />
          <Field label="Until" name="until" type="date" defaultValue={sp.until ?? ""} />
          <button className="rounded border border-slate-300 px-3 py-1.5 text-sm">Filter</button>
        </form>
        {invalid ? <p className="mb-2 text-sm text-amber-700">Some filters were invalid and were ignored.</p> : null}
        <Table head={["Request", "Amount", "Status", "Proof", "Created", "Expires"]}>
          {requests.map((r) => (
            <tr key={r.request_id} data-testid="request-row">
              <td className={td}>
                <Link className="font-mono text-xs underline" href={`/partner/requests/${r.request_id}`}>{r.request_id}</Link>
                {Object.keys(r.metadata ?? {}).length ? <div className="text-xs text-slate-500">{JSON.stringify(r.metadata)}</div> : null}
              </td>
              <td className={td}>
                {formatMinor(r.amount.fiat_int, r.amount.fiat_code)}
                <div className="text-xs text-slate-500">{formatUsdc(r.amount.usdc_micro)}</div>
              </td>
              <td className={td}>{r.status}</td>
              <td className={td}>{r.proof_status}</td>
              <td className={td}>{when(r.created_at)}</td>
              <td className={td}>{when(r.expires_at)}</td>
            </tr>
          ))}
        </Table>
        {hasMore ? <Link className="mt-3 inline-block text-sm underline" href={`/partner/requests?${next}`}>Next page</Link> : null}
      </Card>
    </>
  );
}
