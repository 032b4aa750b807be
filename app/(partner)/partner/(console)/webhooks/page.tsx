import Link from "next/link";
import { EVENT_TYPES } from "@/lib/events/event-types";
import { UUID_RE } from "@/lib/ids";
import { partnerDeliveries, partnerEndpoints } from "@/lib/console/read/partner";
import { partnerPageCtx } from "@/lib/console/page-ctx";
import { ActionForm } from "@/components/ui/action-form";
import { Card, Check, Field, Table, td, when } from "@/components/ui/field";
import { createEndpoint, redeliver, rotateSecret, sendTestEvent, setEndpointDisabled } from "../../actions";

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ endpoint?: string }> }) {
  const ctx = await partnerPageCtx();
  // ?endpoint= (the overview's webhook health links): that endpoint's row marked, its deliveries only.
  const { endpoint } = await searchParams;
  const only = typeof endpoint === "string" && UUID_RE.test(endpoint) ? endpoint : undefined;
  const [endpoints, deliveries] = await Promise.all([partnerEndpoints(ctx), partnerDeliveries(ctx, { endpointId: only })]);
  const shown = only ? endpoints.find((e) => e.webhook_endpoint_id === only) : undefined;
  return (
    <>
      <h1 className="text-2xl font-semibold">Webhooks</h1>
      <Card title="Register an endpoint">
        <ActionForm action={createEndpoint} submitLabel="Add endpoint">
          <Field label="Endpoint URL" name="url" type="url" required placeholder="https://example.com/jopay/webhooks" />
          <Field label="Description" name="description" />
          <fieldset className="flex flex-wrap gap-3">
            <legend className="text-sm text-slate-700">Events (none checked = all)</legend>
            {EVENT_TYPES.map((t) => <Check key={t} label={t} name="events" value={t} />)}
          </fieldset>
        </ActionForm>
      </Card>
      <Card title="Endpoints">
        <Table head={["URL", "Events", "Status", "Created", ""]}>
          {endpoints.map((e) => (
            <tr key={e.webhook_endpoint_id} id={`endpoint-${e.webhook_endpoint_id}`} data-testid="endpoint-row" className={e.webhook_endpoint_id === only ? "bg-amber-50" : undefined}>
              <td className={`${td} break-all`}>{e.url}<div className="text-xs text-slate-500">{e.description}</div></td>
              <td className={`${td} text-xs`}>{e.events.length ? e.events.join(", ") : "all"}</td>
              <td className={td}>{e.disabled ? `disabled (${e.disabled_reason})` : e.failing_since ? `failing since ${when(e.failing_since)}` : "active"}</td>
              <td className={td}>{when(e.created_at)}</td>
              <td className={`${td} space-y-2`}>
                {e.disabled ? null : <ActionForm action={sendTestEvent.bind(null, e.webhook_endpoint_id)} submitLabel="Send test event" variant="secondary" />}
                <ActionForm action={rotateSecret.bind(null, e.webhook_endpoint_id)} submitLabel="Rotate secret" variant="secondary" confirm="Rotate the signing secret? The old one keeps signing for 24 hours." />
                <ActionForm action={setEndpointDisabled.bind(null, e.webhook_endpoint_id, !e.disabled)} submitLabel={e.disabled ? "Enable" : "Disable"} variant={e.disabled ? "secondary" : "danger"} />
              </td>
            </tr>
          ))}
        </Table>
      </Card>
      <Card title={shown ? "Delivery log for this endpoint" : "Delivery log"}>
        {shown ? (
          <p className="mb-2 text-sm">
            <span className="break-all">{shown.url}</span> · <Link className="underline" href="/partner/webhooks">All endpoints</Link>
          </p>
        ) : null}
        <Table head={["Event", "Endpoint", "Status", "Attempts", ""]}>
          {deliveries.map((d) => (
            <tr key={d.id} data-testid="delivery-row">
              <td className={td}>
                <div>{d.event.type}</div>
                <div className="font-mono text-xs text-slate-500">{d.event.id}</div>
              </td>
              <td className={`${td} break-all text-xs`}>{d.endpoint.url}</td>
              <td className={td}>{d.status}{d.lastError ? <div className="text-xs text-red-700">{d.lastError}</div> : null}</td>
              <td className={`${td} text-xs`}>
                {d.attempts.map((a) => (
                  <div key={a.id} data-testid="attempt">#{a.attemptNumber} {when(a.createdAt)} · {a.statusCode ?? "no response"}{a.responseExcerpt ? ` · “${a.responseExcerpt.slice(0, 80)}”` : ""}</div>
                ))}
              </td>
              <td className={td}><ActionForm action={redeliver.bind(null, d.event.id, d.endpointId)} submitLabel="Redeliver" variant="secondary" /></td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
