import { adminHealth } from "@/lib/console/read/admin";
import { adminPageSession } from "@/lib/auth/session/current-console-user";
import { Card, Table, td, when } from "@/components/ui/field";

const ago = (d: Date | null) => (d ? `${Math.round((Date.now() - d.getTime()) / 1000)} s ago` : "—");

// A check's facts as one line (`chain: Base · head_block: 123`): whatever the check reports.
const facts = (c: Record<string, unknown>) =>
  Object.entries(c)
    .filter(([k, v]) => k !== "ok" && k !== "reason" && v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : String(v)}`)
    .join(" · ");

export default async function HealthPage() {
  const h = await adminHealth({ session: await adminPageSession() });
  const staticFx = h.fx.source === "static";
  return (
    <>
      <h1 className="text-2xl font-semibold">System health</h1>
      <Card title={h.ready.ready ? "Ready" : "Not ready"}>
        <p className="mb-2 text-sm text-gray-600">The checks of /api/health/ready, run now.</p>
        <Table head={["Check", "State", "Details"]}>
          {Object.entries(h.ready.checks).map(([name, c]) => (
            <tr key={name} data-testid={`ready-${name}`}>
              <td className={td}>{name}</td>
              <td className={`${td} ${c.ok ? "text-green-700" : "font-semibold text-red-700"}`}>{c.ok ? "ok" : "failing"}</td>
              <td className={td}>
                {c.reason ? <span className="text-red-700">{c.reason}. </span> : null}
                <span className="text-xs text-gray-600">{facts(c)}</span>
              </td>
            </tr>
          ))}
        </Table>
      </Card>
      <Card title="Worker loops">
        <Table head={["Loop", "Worker", "Last run", "Lag", "Last error"]}>
          {h.heartbeats.map((b) => (
            <tr key={`${b.workerId}/${b.loop}`}>
              <td className={td}>{b.loop}</td>
              <td className={`${td} font-mono text-xs`}>{b.workerId}</td>
              <td className={td}>{when(b.lastRunAt)}</td>
              <td className={td}>{ago(b.lastRunAt)}</td>
              <td className={`${td} text-red-700`}>{b.lastError ?? ""}</td>
            </tr>
          ))}
        </Table>
      </Card>
      <Card title="Webhook backlog">
        <p className="text-sm" data-testid="webhook-backlog">{h.pending} pending (oldest due {when(h.oldestPendingAt)}) · {h.failed} failed</p>
      </Card>
      <Card title="Chain cursors">
        <Table head={["Chain", "Last scanned", "Head", "Behind", "Updated"]}>
          {h.cursors.map((c) => (
            <tr key={c.chainId}>
              <td className={td}>{c.chainId}</td>
              <td className={td}>{c.lastScannedBlock.toString()}</td>
              <td className={td}>{c.headBlock?.toString() ?? "—"}</td>
              <td className={td}>{c.headBlock !== null ? (c.headBlock - c.lastScannedBlock).toString() : "—"}</td>
              <td className={td}>{ago(c.updatedAt)}</td>
            </tr>
          ))}
        </Table>
      </Card>
      <Card title="FX rates">
        <p className="mb-2 text-sm" data-testid="fx-source">
          {staticFx
            ? `Static table (FX_STATIC_RATES), loaded when this process started (${when(h.fx.rates[0]?.asOf)}); a configured table is never stale.`
            : `Source ${h.fx.source}, fetched ${ago(h.fx.oldestFetchedAt)}; creates refuse rates older than ${h.fxMaxAgeMinutes} min.`}
          {h.fx.problem ? <span className="font-semibold text-red-700"> {h.fx.problem}.</span> : null}
        </p>
        {h.fx.rates.length ? (
          <Table head={["Currency", "Source", "USD per unit", "As of", "Fetched"]}>
            {h.fx.rates.map((r) => (
              <tr key={`${r.currency}/${r.source}`} data-testid="fx-rate">
                <td className={td}>{r.currency}</td>
                <td className={td}>{r.source}</td>
                <td className={td}>{r.usdPerUnit}</td>
                <td className={td}>{when(r.asOf)}</td>
                <td className={td}>{staticFx ? "configured" : ago(r.fetchedAt)}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <>
            <p className="mb-2 text-sm" data-testid="fx-last-used">
              {h.lastUsed.length ? `${h.fx.source} has no rates now. The rates requests were last priced with (last 7 days):` : `${h.fx.source} has no rates now, and no request in the last 7 days was priced with one.`}
            </p>
            {h.lastUsed.length ? (
              <Table head={["Currency", "Source", "USD per unit", "As of", "Last used"]}>
                {h.lastUsed.map((r) => (
                  <tr key={r.currency} data-testid="fx-rate">
                    <td className={td}>{r.currency}</td>
                    <td className={td}>{r.source}</td>
                    <td className={td}>{r.usdPerUnit}</td>
                    <td className={td}>{when(r.asOf)}</td>
                    <td className={td}>{when(r.usedAt)}</td>
                  </tr>
                ))}
              </Table>
            ) : null}
          </>
        )}
        {h.notQuoted.length ? (
          <p className="mt-2 text-xs text-slate-600" data-testid="fx-not-quoted">
            Not quoted by {h.fx.source} (creates in these currencies answer fx_unavailable): {h.notQuoted.join(", ")}
          </p>
        ) : null}
      </Card>
    </>
  );
}
