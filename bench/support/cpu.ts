// CPU time spent per request, read from /proc: the server process and the PostgreSQL backends of
// the bench database. On a shared, busy 2-core machine throughput swings with everyone else's
// load; CPU milliseconds per request hardly do, so they say more about our own cost.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import pg from "pg";

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of a process in ms, or null when /proc cannot tell. */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
  } catch {
    return null;
  }
}

async function backendPids(databaseUrl: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const name = new URL(databaseUrl).pathname.slice(1);
    const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

export interface CpuSnapshot {
  server: number | null;
  db: Map<number, number>;
}

export async function snapshot(serverPid: number, databaseUrl: string): Promise<CpuSnapshot> {
  const db = new Map<number, number>();
  for (const pid of await backendPids(databaseUrl)) {
    const ms = cpuMs(pid);
    if (ms !== null) db.set(pid, ms);
  }
  return { server: cpuMs(serverPid), db };
}

/** CPU ms spent between a snapshot and now; backends that appeared in between count from zero. */
export async function cpuSince(before: CpuSnapshot, serverPid: number, databaseUrl: string): Promise<{ serverMs: number | null; dbMs: number | null }> {
  const after = await snapshot(serverPid, databaseUrl);
  const serverMs = after.server !== null && before.server !== null ? after.server - before.server : null;
  let dbMs = 0;
  for (const [pid, ms] of after.db) dbMs += ms - (before.db.get(pid) ?? 0);
  return { serverMs, dbMs: after.db.size ? dbMs : null };
}
