// The process's Prometheus metrics (prom-client), in two registries:
//  - `own`: what this process counts or measures itself — API latency, rate-limit refusals, webhook
//    attempts, its database pool, Node's runtime. Every process has its own (web, each worker):
//    counters live in memory, so a worker's webhook counters are served by that worker
//    (WORKER_METRICS_PORT, worker/metrics-server.ts), never by the web process.
//  - `system`: facts read from PostgreSQL at scrape time (backlog, queue, watcher lag, heartbeats)
//    and the FX source. The same for every process, so only the web process serves them
//    (/api/metrics): N workers would report N copies of one number.
// Held on globalThis like the database pool (lib/db/index.ts): Next bundles route handlers and
// instrumentation.ts (the worker loops in single-process mode) separately, and two copies of these
// metrics would count apart — or refuse to register the same name twice.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { poolStats } from "@/lib/db";

export interface JoPayMetrics {
  own: Registry;
  system: Registry;
  apiRequestSeconds: Histogram<"operation" | "status">;
  rateLimitRejections: Counter<"bucket">;
  webhookAttempts: Counter<"result">;
  webhookFailures: Counter<"reason">;
  webhookBacklog: Gauge;
  webhookBacklogAge: Gauge;
  proofQueueDepth: Gauge;
  proofQueueAge: Gauge;
  proofCheckOverdue: Gauge;
  watcherLag: Gauge<"chain_id" | "chain">;
  watcherCursorAge: Gauge<"chain_id" | "chain">;
  workerHeartbeatAge: Gauge<"loop">;
  fxAge: Gauge<"source">;
  fxStale: Gauge<"source">;
  systemReadOk: Gauge;
}

const holder = globalThis as unknown as { __jopayMetrics?: JoPayMetrics };

export function metrics(): JoPayMetrics {
  holder.__jopayMetrics ??= createMetrics();
  return holder.__jopayMetrics;
}

function createMetrics(): JoPayMetrics {
  const own = new Registry();
  const system = new Registry();
  const o = { registers: [own] };
  const s = { registers: [system] };
  collectDefaultMetrics({ register: own });
  poolGauges(own);
  return {
    own,
    system,
    apiRequestSeconds: new Histogram({
      name: "jopay_api_request_duration_seconds",
      help: "API requests by operation id and HTTP status: time from arrival to the answer.",
      labelNames: ["operation", "status"],
      // The API's own work takes milliseconds (bench:api); the top buckets catch the waits for a pool
      // connection (10 s) and statement timeouts (15 s) that an overloaded database causes.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
      ...o,
    }),
    rateLimitRejections: new Counter({
      name: "jopay_rate_limit_rejections_total",
      help: "Requests refused with 429 rate_limited, by limit bucket (default, merchant_create, api_auth_failed, pay_status, pay_proof).",
      labelNames: ["bucket"],
      ...o,
    }),
    webhookAttempts: new Counter({
      name: "jopay_webhook_attempts_total",
      help: "Webhook delivery attempts made by this process, by result (success, failure).",
      labelNames: ["result"],
      ...o,
    }),
    webhookFailures: new Counter({
      name: "jopay_webhook_failures_total",
      help: "Failed webhook delivery attempts made by this process, by reason (http_4xx, http_5xx, http_other, no_response).",
      labelNames: ["reason"],
      ...o,
    }),
    webhookBacklog: new Gauge({ name: "jopay_webhook_backlog_deliveries", help: "Webhook deliveries due now (enabled endpoints) and not yet delivered.", ...s }),
    webhookBacklogAge: new Gauge({
      name: "jopay_webhook_backlog_age_seconds",
      help: "How long the longest-waiting due webhook delivery has been due; 0 when none is.",
      ...s,
    }),
    proofQueueDepth: new Gauge({ name: "jopay_proof_queue_depth", help: "Proofs awaiting verification (outcome pending, not simulated).", ...s }),
    proofQueueAge: new Gauge({ name: "jopay_proof_queue_oldest_age_seconds", help: "Age of the oldest proof awaiting verification; 0 when none.", ...s }),
    proofCheckOverdue: new Gauge({
      name: "jopay_proof_check_overdue_seconds",
      help: "How far past its scheduled check the most overdue pending proof is; 0 when none is due.",
      ...s,
    }),
    watcherLag: new Gauge({
      name: "jopay_watcher_lag_blocks",
      help: "Transfer watcher: chain head (as last read by the watcher) minus the last scanned block, per configured chain.",
      labelNames: ["chain_id", "chain"],
      ...s,
    }),
    watcherCursorAge: new Gauge({
      name: "jopay_watcher_cursor_age_seconds",
      help: "Seconds since the transfer watcher last updated its cursor for the chain (a stopped watcher freezes the lag, not this).",
      labelNames: ["chain_id", "chain"],
      ...s,
    }),
    workerHeartbeatAge: new Gauge({
      name: "jopay_worker_heartbeat_age_seconds",
      help: "Seconds since any worker last completed a pass of the loop.",
      labelNames: ["loop"],
      ...s,
    }),
    fxAge: new Gauge({
      name: "jopay_fx_rate_age_seconds",
      help: "Age of the FX rates creates use now (since fetched from the source; 0 for the static table).",
      labelNames: ["source"],
      ...s,
    }),
    fxStale: new Gauge({ name: "jopay_fx_stale", help: "1 when creates are refused fx_unavailable because the rates are missing or stale.", labelNames: ["source"], ...s }),
    systemReadOk: new Gauge({
      name: "jopay_metrics_database_ok",
      help: "1 when this scrape read the database-derived gauges; 0 when the database did not answer (they then read 0).",
      ...s,
    }),
  };
}

// Read when scraped: a process that has not opened its pool yet reports nothing (0), rather than
// opening one for the scrape.
function poolGauges(registry: Registry) {
  const read = (f: (p: NonNullable<ReturnType<typeof poolStats>>) => number) =>
    function (this: Gauge) {
      const stats = poolStats();
      this.set(stats ? f(stats) : 0);
    };
  const gauge = (name: string, help: string, f: (p: NonNullable<ReturnType<typeof poolStats>>) => number) =>
    new Gauge({ name, help, registers: [registry], collect: read(f) });
  gauge("jopay_db_pool_max_connections", "DATABASE_POOL_SIZE: connections this process may open.", (p) => p.max);
  gauge("jopay_db_pool_connections_in_use", "Connections checked out of this process's pool.", (p) => p.total - p.idle);
  gauge("jopay_db_pool_connections_idle", "Open connections idle in this process's pool.", (p) => p.idle);
  gauge("jopay_db_pool_waiting_clients", "Callers waiting for a connection (each waits at most 10 s, then 503).", (p) => p.waiting);
}
