import { notFound } from "next/navigation";
import { isApiError } from "@/lib/errors";
import { partnerRequestDetail } from "@/lib/console/read/partner";
import { partnerPageCtx } from "@/lib/console/page-ctx";
import { ActionForm } from "@/components/ui/action-form";
import { Card, when } from "@/components/ui/field";
import { formatMinor, formatUsdc } from "@/components/partner/money";
import { cancelRequest, redeliver } from "../../../actions";

export default async function RequestDetail({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await partnerPageCtx();
  const detail = await partnerRequestDetail(ctx, id).catch((e) => {
    if (isApiError(e) && e.code === "not_found") notFound();
    throw e;
  });
  const { request: r, events, merchant } = detail;
  return (
    <>
      <h1 className="text-2xl font-semibold">Request <span className="break-all font-mono text-base">{r.request_id}</span></h1>
      <Card>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_minmax(0,1fr)_auto_minmax(0,1fr)]">
          <dt className="text-slate-500">Merchant</dt><dd>{merchant?.businessName ?? merchant?.displayName ?? r.merchant_id}</dd>
          <dt className="text-slate-500">Amount</dt><dd>{formatMinor(r.amount.fiat_int, r.amount.fiat_code)} · {formatUsdc(r.amount.usdc_micro)}</dd>
          <dt className="text-slate-500">Status</dt><dd data-testid="request-status">{r.status}</dd>
          <dt className="text-slate-500">Proof</dt><dd>{r.proof_status}</dd>
          <dt className="text-slate-500">Transaction</dt>
          <dd className="break-all font-mono text-xs" data-testid="request-tx">
            {r.proof ? r.proof.tx_hash : "—"}
            {r.proof?.simulated ? <span className="ml-2 font-sans font-medium text-amber-800">Simulated payment — no funds moved</span> : null}
          </dd>
          <dt className="text-slate-500">Created</dt><dd>{when(r.created_at)} (via {detail.createdVia})</dd>
          <dt className="text-slate-500">Expires</dt><dd>{when(r.expires_at)}</dd>
          <dt className="text-slate-500">Pay page</dt><dd className="break-all"><a className="underline" href={r.pay_page_url}>{r.pay_page_url}</a></dd>
          <dt className="text-slate-500">Metadata</dt><dd className="break-all font-mono text-xs">{JSON.stringify(r.metadata)}</dd>
        </dl>
        {r.status === "requested" && r.proof_status === "none" ? (
          <div className="mt-3"><ActionForm action={cancelRequest.bind(null, r.request_id)} submitLabel="Cancel request" variant="danger" confirm="Void this request?" /></div>
        ) : null}
      </Card>
      <Card title="Events and webhook deliveries">
        {events.length === 0 ? <p className="text-sm text-slate-500">No events yet.</p> : null}
        <ol className="space-y-4">
          {events.map((e) => (
            <li key={e.id} className="border-l-2 border-slate-300 pl-3" data-testid="event">
              <div className="flex flex-wrap items-center gap-3">
                <span className="font-medium">{e.type}</span>
                <span className="break-all font-mono text-xs text-slate-500">{e.id}</span>
                <span className="text-xs text-slate-500">{when(e.createdAt)}</span>
                <ActionForm action={redeliver.bind(null, e.id, null)} submitLabel="Redeliver" variant="secondary" />
              </div>
              <ul className="mt-1 space-y-1 break-all text-sm">
                {e.deliveries.map((d) => (
                  <li key={d.id}>
                    → {d.endpoint.url}: <strong>{d.status}</strong> after {d.attemptCount} attempt(s)
                    <ul className="ml-4 text-xs text-slate-600">
                      {d.attempts.map((a) => (
                        <li key={a.id} data-testid="attempt">#{a.attemptNumber} {when(a.createdAt)} · {a.statusCode ?? "no response"} · {a.latencyMs} ms{a.error ? ` · ${a.error}` : ""}{a.responseExcerpt ? ` · “${a.responseExcerpt.slice(0, 120)}”` : ""}</li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
