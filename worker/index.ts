// `npm run worker`: background loops (webhook delivery, proof verification, transfer watcher,
// expiry sweeper). Run as many as you like; they coordinate through PostgreSQL.
import { config } from "@/lib/config";
import { disconnectDb } from "@/lib/db";
import { log } from "@/lib/log";
import { allLoops } from "./loops";
import { startMetricsServer } from "./metrics-server";
import { startLoops } from "./run-loops";

const env = config(); // fail fast on a bad environment
const metricsServer = env.WORKER_METRICS_PORT
  ? await startMetricsServer(env.WORKER_METRICS_PORT).catch((err: Error) => {
      log.error("worker metrics port unavailable", { port: env.WORKER_METRICS_PORT, error: err.message });
      process.exit(1);
    })
  : null;
const worker = startLoops(allLoops());
log.info("worker started", { workerId: worker.workerId, ...(metricsServer ? { metricsPort: env.WORKER_METRICS_PORT } : {}) });

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, async () => {
    if (stopping) return;
    stopping = true;
    log.info("worker stopping", { signal: sig });
    metricsServer?.close();
    await worker.stop();
    await disconnectDb();
    process.exit(0);
  });
}
