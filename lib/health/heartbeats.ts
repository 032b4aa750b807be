// What the worker heartbeats say (worker_heartbeats: one row per worker and loop, written by
// worker/run-loops.ts after a pass, several times per WORKER_HEARTBEAT_MAX_AGE_SECONDS). A worker
// is alive while any of its loops reports; a loop is stuck when a live worker's other loops report
// but that one has not completed a pass for longer than the limit, and no other worker runs it.
// Rows of workers that stopped are simply old: a new process is a new worker id.
import { config } from "@/lib/config";
import { db } from "@/lib/db";

export interface LoopHeartbeat {
  loop: string;
  /** Seconds since any worker last completed a pass of this loop. */
  ageSeconds: number;
}

export interface HeartbeatState {
  maxAgeSeconds: number;
  /** Seconds since the newest heartbeat of any worker, or null when none was ever written. */
  newestAgeSeconds: number | null;
  /** Every loop name any worker ever reported, freshest first. */
  loops: LoopHeartbeat[];
  /** Loops a live worker runs that no worker has completed within the limit. */
  stuck: LoopHeartbeat[];
  /** Why the workers do not count as running, or null. */
  problem: string | null;
}

export async function heartbeatState(now = new Date()): Promise<HeartbeatState> {
  const maxAgeSeconds = config().WORKER_HEARTBEAT_MAX_AGE_SECONDS;
  const rows = await db.workerHeartbeat.findMany({ select: { workerId: true, loop: true, lastRunAt: true } });
  const age = (d: Date) => Math.max(0, (now.getTime() - d.getTime()) / 1000);
  const fresh = (d: Date) => age(d) <= maxAgeSeconds;

  const newestPerLoop = new Map<string, Date>();
  for (const r of rows) {
    const seen = newestPerLoop.get(r.loop);
    if (!seen || r.lastRunAt > seen) newestPerLoop.set(r.loop, r.lastRunAt);
  }
  const loops = [...newestPerLoop].map(([loop, at]) => ({ loop, ageSeconds: round(age(at)) })).sort((a, b) => a.ageSeconds - b.ageSeconds);

  // Stuck: its worker's other loops went on reporting for longer than the limit after its last
  // pass. Measured against the worker's own newest beat, not the clock, so a worker that stops or
  // dies (every loop stops at once) is "not reporting", never "stuck", however its beats were spread.
  const newestPerWorker = new Map<string, Date>();
  for (const r of rows) {
    const seen = newestPerWorker.get(r.workerId);
    if (!seen || r.lastRunAt > seen) newestPerWorker.set(r.workerId, r.lastRunAt);
  }
  const alive = new Set([...newestPerWorker].filter(([, at]) => fresh(at)).map(([id]) => id));
  const hung = new Set(
    rows.filter((r) => alive.has(r.workerId) && newestPerWorker.get(r.workerId)!.getTime() - r.lastRunAt.getTime() > maxAgeSeconds * 1000).map((r) => r.loop),
  );
  const stuck = loops.filter((l) => hung.has(l.loop) && l.ageSeconds > maxAgeSeconds);

  const newestAgeSeconds = loops.length ? loops[0].ageSeconds : null;
  const limit = `WORKER_HEARTBEAT_MAX_AGE_SECONDS is ${maxAgeSeconds}`;
  const problem =
    newestAgeSeconds === null
      ? "no worker has ever reported (start `npm run worker`, or set JOPAY_SINGLE_PROCESS=1)"
      : alive.size === 0
        ? `no worker has reported for ${Math.floor(newestAgeSeconds)} s (${limit})`
        : stuck.length
          ? `${stuck.map((l) => `loop ${l.loop} has not completed a pass for ${Math.floor(l.ageSeconds)} s`).join("; ")} (${limit})`
          : null;
  return { maxAgeSeconds, newestAgeSeconds, loops, stuck, problem };
}

const round = (s: number) => Math.round(s * 10) / 10;
