// `npm run worker`: background loops (webhook delivery, proof verification, transfer watcher,
// expiry sweeper). Run as many as you like; they coordinate through PostgreSQL.
import { config } from "@/lib/config";
import { disconnectDb } from "@/lib/db";
import { log } from "@/lib/log";
import { allLoops } from "./loops";
import { startLoops } from "./run-loops";

config(); // fail fast on a bad environment
const worker = startLoops(allLoops());
log.info("worker started", { workerId: worker.workerId });

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, async () => {
    if (stopping) return;
    stopping = true;
    log.info("worker stopping", { signal: sig });
    await worker.stop();
    await disconnectDb();
    process.exit(0);
  });
}
