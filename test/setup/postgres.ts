// Finds a real PostgreSQL for the test run (issue #2 §9): TEST_DATABASE_URL / DATABASE_URL if set,
// else the server on 127.0.0.1:5432 if it answers, else a throwaway cluster via initdb + pg_ctl,
// else a clear failure. Tests refuse to run against anything that is not on this machine.
import { findFreePort } from "../../scripts/support/free-port";
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface PostgresServer {
  /** URL of the maintenance database (used to create and drop per-run databases). */
  adminUrl: string;
  stop(): Promise<void>;
  /** Only a throwaway cluster of our own can be restarted or stopped (the fault tests). */
  control?: {
    restart(mode: "fast" | "immediate"): Promise<void>;
    stopServer(mode?: "fast" | "immediate"): Promise<void>;
    startServer(): Promise<void>;
  };
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`refusing to run tests against a non-local database (${host}): tests create and drop databases`);
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}


function which(bin: string): string | null {
  const res = spawnSync("sh", ["-c", `command -v ${bin} || ls /usr/lib/postgresql/*/bin/${bin} 2>/dev/null | tail -1`], {
    encoding: "utf8",
  });
  const out = res.stdout.trim().split("\n").filter(Boolean).at(-1);
  return out || null;
}

export async function findPostgres(): Promise<PostgresServer> {
  const given = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (given) {
    assertLocal(given);
    const admin = new URL(given);
    admin.pathname = "/postgres";
    return { adminUrl: admin.toString(), stop: async () => {} };
  }
  const local = "postgresql://postgres@127.0.0.1:5432/postgres";
  if (await answers(local)) return { adminUrl: local, stop: async () => {} };

  return startThrowawayCluster();
}

/** initdb + pg_ctl on a free loopback port in a temporary directory (SPEC §2: under a second). */
export async function startThrowawayCluster(): Promise<PostgresServer> {
  const initdb = which("initdb");
  const pgCtl = which("pg_ctl");
  if (!initdb || !pgCtl) {
    throw new Error(
      "No PostgreSQL for the tests: set TEST_DATABASE_URL to a local server, start one on 127.0.0.1:5432, " +
        "or install the PostgreSQL server binaries (Debian: apt-get install -y postgresql) so a throwaway cluster can be created.",
    );
  }
  const dir = mkdtempSync(join(tmpdir(), "jopay-pg-"));
  const port = await findFreePort();
  // initdb refuses to run as root; run as the postgres user when we are root.
  const asUser = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
  if (asUser.length) execFileSync("chown", ["postgres", dir]);
  const run = (args: string[]) =>
    execFileSync(asUser[0] ?? args[0], asUser.length ? [...asUser.slice(1), ...args] : args.slice(1), { stdio: "pipe" });
  run([initdb, "-A", "trust", "-U", "postgres", "-D", join(dir, "data")]);
  // Async for the controls: the fault tests keep sending requests while the server restarts.
  const runAsync = (args: string[]) =>
    new Promise<void>((resolve, reject) =>
      execFile(asUser[0] ?? args[0], asUser.length ? [...asUser.slice(1), ...args] : args.slice(1), (err) => (err ? reject(err) : resolve())),
    );
  const data = join(dir, "data");
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  run([pgCtl, "-D", data, "-o", serverOptions, "-w", "start", "-l", join(dir, "log")]);
  return {
    adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    control: {
      restart: (mode) => runAsync([pgCtl, "-D", data, "-m", mode, "-o", serverOptions, "-w", "restart", "-l", join(dir, "log")]),
      stopServer: (mode = "fast") => runAsync([pgCtl, "-D", data, "-m", mode, "-w", "stop"]),
      startServer: () => runAsync([pgCtl, "-D", data, "-o", serverOptions, "-w", "start", "-l", join(dir, "log")]),
    },
    stop: async () => {
      try {
        run([pgCtl, "-D", join(dir, "data"), "-m", "immediate", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Creates a fresh, uniquely named database and returns its URL. */
export async function createDatabase(adminUrl: string, prefix = "jopay_test"): Promise<string> {
  const name = `${prefix}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(adminUrl: string, databaseUrl: string) {
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
