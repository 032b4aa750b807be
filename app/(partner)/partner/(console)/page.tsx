import Link from "next/link";
import { partnerOverview } from "@/lib/console/read/partner";
import { partnerPageCtx } from "@/lib/console/page-ctx";
import { Card } from "@/components/ui/field";
import { formatMinor } from "@/components/partner/money";

export default async function PartnerOverview() {
  const o = await partnerOverview(await partnerPageCtx());
  const failing = o.endpoints.filter((e) => e.failingSince || e.disabled);
  return (
    <>
      <h1 className="text-2xl font-semibold">Overview</h1>
      {o.notices.map((n) => (
        <p key={n.id} role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {n.message}
        </p>
      ))}
      <div className="grid gap-4 sm:grid-cols-4">
        <Card title="Merchants"><p className="text-2xl">{o.merchants}</p></Card>
        <Card title="Requests"><p className="text-2xl">{o.requests}</p></Card>
        <Card title="Verified (30 days)"><p className="text-2xl">{o.verified}</p></Card>
        <Card title="Volume (30 days)">
          {o.volume.length ? o.volume.map((v) => <p key={v.currency}>{formatMinor(v.minor, v.currency)}</p>) : <p className="text-slate-500">None yet</p>}
        </Card>
      </div>
      <Card title="Webhook health">
        <p className="text-sm">
          {o.endpoints.length} endpoint(s) · {o.pending} pending deliveries · {o.failed} failed deliveries ·{" "}
          {failing.length ? <span className="text-red-700">{failing.length} failing or disabled</span> : <span className="text-emerald-700">all healthy</span>}
        </p>
        <Link className="text-sm underline" href="/partner/webhooks">Delivery log</Link>
      </Card>
    </>
  );
}
