// Runs background loops until stopped. Loops coordinate with other workers only through
// PostgreSQL (FOR UPDATE SKIP LOCKED claims with leases, SPEC §3), never through memory, so any
// number of these may run side by side. A loop that did work runs again at once; an idle loop
// sleeps its interval.
import { hostname } from "node:os";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import type { Loop, LoopContext } from "@/lib/loop";

export interface RunningWorker {
  workerId: string;
  stop(): Promise<void>;
}

export function startLoops(loops: Loop[], workerId = `${hostname()}:${process.pid}`): RunningWorker {
  const controller = new AbortController();
  // Readiness (lib/health/heartbeats.ts) wants a beat within WORKER_HEARTBEAT_MAX_AGE_SECONDS:
  // four chances inside it, so one slow pass or write does not flip it; and at least every 5 s.
  const beatMs = Math.min(5_000, (config().WORKER_HEARTBEAT_MAX_AGE_SECONDS * 1000) / 4);
  const done = loops.map((loop) => runLoop(loop, { workerId, signal: controller.signal }, beatMs));
  return {
    workerId,
    async stop() {
      controller.abort();
      await Promise.allSettled(done);
    },
  };
}

async function runLoop(loop: Loop, ctx: LoopContext, beatMs: number) {
  let lastBeat = 0;
  while (!ctx.signal.aborted) {
    let handled = 0;
    let error: string | null = null;
    try {
      handled = await loop.run(ctx);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      log.error("worker loop failed", { loop: loop.name, error });
    }
    if (Date.now() - lastBeat > beatMs || error) {
      lastBeat = Date.now();
      await heartbeat(ctx.workerId, loop.name, error);
    }
    if (handled === 0 || error) await sleep(loop.intervalMs, ctx.signal);
  }
}

async function heartbeat(workerId: string, loop: string, lastError: string | null) {
  await db.workerHeartbeat
    .upsert({
      where: { workerId_loop: { workerId, loop } },
      create: { workerId, loop, lastRunAt: new Date(), lastError },
      update: { lastRunAt: new Date(), lastError },
    })
    .catch(() => {});
}

export function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
