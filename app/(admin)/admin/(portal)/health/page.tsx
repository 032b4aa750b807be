import { adminHealth } from "@/lib/console/read/admin";
import { adminPageSession } from "@/lib/console-auth/current";
import { Card, Table, td, when } from "@/components/ui/field";

const ago = (d: Date | null) => (d ? `${Math.round((Date.now() - d.getTime()) / 1000)} s ago` : "—");

export default async function HealthPage() {
  const h = await adminHealth({ session: await adminPageSession() });
  return (
    <>
      <h1 className="text-2xl font-semibold">System health</h1>
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
        <Table head={["Currency", "Source", "USD per unit", "As of", "Fetched"]}>
          {h.rates.map((r) => (
            <tr key={`${r.currency}/${r.source}`}>
              <td className={td}>{r.currency}</td>
              <td className={td}>{r.source}</td>
              <td className={td}>{r.usdPerUnit.toString()}</td>
              <td className={td}>{when(r.asOf)}</td>
              <td className={td}>{ago(r.fetchedAt)}</td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
