// The `system` gauges (lib/metrics/registry.ts), read at scrape time: three aggregate queries on
// indexed columns, the cursor and heartbeat rows (a few per chain and worker), and the FX source
// in memory. Nothing is kept between scrapes, so what Prometheus sees is what PostgreSQL says now,
// whichever worker did the work.
import { configuredChains } from "@/lib/chains/for-mode";
import { db } from "@/lib/db";
import { fxStatus } from "@/lib/fx/rates";
import { heartbeatState } from "@/lib/health/heartbeats";
import { log } from "@/lib/log";
import { metrics } from "./registry";

let inFlight: Promise<void> | null = null;

/** Sets every system gauge from the database and FX source; concurrent scrapes share one read. */
export function refreshSystemGauges(now = new Date()): Promise<void> {
  inFlight ??= refresh(now).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

const secondsSince = (now: Date, d: Date | null) => (d ? Math.max(0, (now.getTime() - d.getTime()) / 1000) : 0);

async function refresh(now: Date) {
  const m = metrics();
  const fx = await fxStatus(now);
  m.fxAge.reset();
  m.fxStale.reset();
  m.fxAge.set({ source: fx.source }, secondsSince(now, fx.oldestFetchedAt));
  m.fxStale.set({ source: fx.source }, fx.problem ? 1 : 0);

  try {
    const chains = configuredChains();
    const [[webhooks], [proofs], cursors, heartbeats] = await Promise.all([
      // Deliveries to a disabled endpoint stay pending but are never claimed: not backlog.
      db.$queryRaw<{ due: number; oldest: Date | null }[]>`
        SELECT count(*)::int AS due, min(d."nextAttemptAt") AS oldest
        FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d."endpointId"
        WHERE d.status = 'pending' AND d."nextAttemptAt" <= ${now} AND e.disabled = false`,
      // Simulated proofs are settled by the test-mode call itself, never by the worker.
      db.$queryRaw<{ depth: number; oldest: Date | null; next_check: Date | null }[]>`
        SELECT count(*)::int AS depth, min("createdAt") AS oldest, min("nextCheckAt") AS next_check
        FROM proofs WHERE outcome = 'pending' AND simulated = false`,
      db.chainCursor.findMany({ where: { chainId: { in: chains.map((c) => c.chainId) } } }),
      heartbeatState(now),
    ]);
    m.webhookBacklog.set(webhooks.due);
    m.webhookBacklogAge.set(secondsSince(now, webhooks.oldest));
    m.proofQueueDepth.set(proofs.depth);
    m.proofQueueAge.set(secondsSince(now, proofs.oldest));
    m.proofCheckOverdue.set(secondsSince(now, proofs.next_check));

    m.watcherLag.reset();
    m.watcherCursorAge.reset();
    for (const c of cursors) {
      const labels = { chain_id: String(c.chainId), chain: chains.find((x) => x.chainId === c.chainId)?.name ?? "" };
      if (c.headBlock !== null) m.watcherLag.set(labels, Number(c.headBlock - c.lastScannedBlock));
      m.watcherCursorAge.set(labels, secondsSince(now, c.updatedAt));
    }
    m.workerHeartbeatAge.reset();
    for (const l of heartbeats.loops) m.workerHeartbeatAge.set({ loop: l.loop }, l.ageSeconds);
    m.systemReadOk.set(1);
  } catch (err) {
    // The process's own metrics still go out; these read 0 meanwhile, and say so.
    log.warn("metrics: database gauges not read", { error: err instanceof Error ? err.message : String(err) });
    for (const g of [m.webhookBacklog, m.webhookBacklogAge, m.proofQueueDepth, m.proofQueueAge, m.proofCheckOverdue, m.watcherLag, m.watcherCursorAge, m.workerHeartbeatAge]) g.reset();
    m.systemReadOk.set(0);
  }
}
