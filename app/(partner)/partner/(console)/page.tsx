import Link from "next/link";
import { partnerOverview } from "@/lib/console/read/partner";
import { partnerPageCtx } from "@/lib/console/page-ctx";
import { ActionForm } from "@/components/ui/action-form";
import { Card, Table, td, when } from "@/components/ui/field";
import { formatMinor } from "@/components/partner/money";
import { VolumeCharts } from "@/components/partner/volume-charts";
import { formatUsdcAmount } from "@/lib/i18n/dashboard-format";
import { emailOnboardingLink, newOnboardingLink } from "../actions";

const endpointState = (p: { disabled: boolean; disabledReason: string | null; failingSince: Date | null }) =>
  p.disabled ? `Disabled${p.disabledReason ? ` (${p.disabledReason})` : ""}` : p.failingSince ? `Failing since ${when(p.failingSince)}` : "Recovered";

export default async function PartnerOverview() {
  const o = await partnerOverview(await partnerPageCtx());
  const month = o.summary.totals.month;
  const { webhooks: w, stuck } = o;
  return (
    <>
      <h1 className="text-2xl font-semibold">Overview</h1>
      {o.notices.map((n) => (
        <p key={n.id} role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {n.message}
        </p>
      ))}
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Card title="Merchants"><p className="text-2xl" data-testid="count-merchants">{o.merchants}</p></Card>
        <Card title="Requests"><p className="text-2xl" data-testid="count-requests">{o.requests}</p></Card>
        <Card title="Verified (30 days)"><p className="text-2xl" data-testid="count-verified">{month.payments}</p></Card>
        <Card title="Volume (30 days)">
          <p className="break-all font-mono text-sm" data-testid="volume-usdc">{formatUsdcAmount(month.usdcMicro, "en")} USDC</p>
          {month.fiat.map((f) => <p key={f.code} className="text-sm text-slate-600">{formatMinor(f.minor, f.code)}</p>)}
        </Card>
      </div>
      <Card title="Verified payments, last 30 days">
        <VolumeCharts days={o.summary.days} />
      </Card>
      <Card title="Webhook health">
        <p className="text-sm" data-testid="webhook-summary">
          {w.endpoints} endpoint(s) · {w.pendingDeliveries} pending deliveries · {w.failedDeliveries} failed deliveries ·{" "}
          {w.problems.length ? <span className="font-medium text-red-700">{w.problems.length} need attention</span> : <span className="text-emerald-800">all healthy</span>}
        </p>
        {w.problems.length ? (
          <ul className="mt-3 divide-y divide-slate-100 text-sm">
            {w.problems.map((p) => (
              <li key={p.endpointId} className="py-2" data-testid="endpoint-problem">
                <Link className="break-all font-medium underline" href={`/partner/webhooks?endpoint=${p.endpointId}#endpoint-${p.endpointId}`}>
                  {p.url}
                </Link>
                {p.description ? <span className="text-slate-600"> — {p.description}</span> : null}
                <div className={p.disabled || p.failingSince ? "text-red-700" : "text-slate-700"}>
                  {endpointState(p)} · {p.failedAttempts} failed attempt(s) in the last {w.windowHours} h
                  {p.lastFailure ? (
                    <span className="text-slate-600">
                      {" "}· last {when(p.lastFailure.at)}: {p.lastFailure.statusCode ? `HTTP ${p.lastFailure.statusCode}` : (p.lastFailure.error ?? "no response")}
                    </span>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        ) : null}
        <Link className="mt-2 inline-block text-sm underline" href="/partner/webhooks">Delivery log</Link>
      </Card>
      <Card title="Stuck in onboarding">
        <p className="mb-2 text-sm text-slate-700" data-testid="stuck-summary">
          {stuck.total
            ? `${stuck.total} merchant(s) invited ${stuck.days} or more days ago have not finished onboarding.`
            : `No merchant has been waiting ${stuck.days} days or more to finish onboarding.`}
        </p>
        {stuck.merchants.length ? (
          <Table head={["Merchant", "Invited", "Last link", ""]}>
            {stuck.merchants.map((m) => (
              <tr key={m.merchantId} data-testid="stuck-row">
                <td className={td}>
                  <div>{m.name ?? "(unnamed)"}</div>
                  <div className="text-xs text-slate-600">{m.email ?? "no email address"}</div>
                </td>
                <td className={`${td} whitespace-nowrap`}>{when(m.createdAt)}</td>
                <td className={`${td} whitespace-nowrap`}>{when(m.lastLinkAt)}</td>
                <td className={td}>
                  {m.email ? (
                    <ActionForm action={emailOnboardingLink.bind(null, m.merchantId)} submitLabel="Resend onboarding link" variant="secondary" />
                  ) : (
                    <ActionForm action={newOnboardingLink.bind(null, m.merchantId)} submitLabel="New onboarding link" variant="secondary" />
                  )}
                </td>
              </tr>
            ))}
          </Table>
        ) : null}
      </Card>
    </>
  );
}
