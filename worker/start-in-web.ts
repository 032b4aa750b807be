// Imported by instrumentation.ts in the Node runtime: starts the worker loops inside the web
// process when JOPAY_SINGLE_PROCESS is on.
import { config } from "@/lib/config";
import { log } from "@/lib/log";
import { allLoops } from "./loops";
import { startLoops } from "./run-loops";

if (config().JOPAY_SINGLE_PROCESS) {
  const worker = startLoops(allLoops(), `web:${process.pid}`);
  log.info("worker loops running inside the web process", { workerId: worker.workerId });
}
