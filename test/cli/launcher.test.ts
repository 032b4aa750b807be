// `npm run dev` as a newcomer runs it: the real launcher (npm → scripts/dev.sh → scripts/dev.ts)
// with its embedded database, anvil, demo data and Next in development mode, on ports chosen here
// and in a data dir of its own. Each test starts it, uses what the banner prints, stops it the way
// a user would (SIGTERM to npm; Ctrl-C to the whole process group) and checks that it stopped:
// npm exits 0, no process it started is left, the ports and the database lock are free, and
// nothing on the way printed a warning or an error.
//
// Slow by nature (measured on this 2-core machine, Next's compile cache warm): the first start, in
// a fresh data dir (initdb, migrations, chain deploy), prints its banner after ~17 s idle and up to
// ~60 s while other suites run; opening the pay page compiles it for ~10 s; the file takes ~1 min.
// Next's cache is the checkout's own .next/dev, as for `npm run dev`, and Next allows one dev
// server per cache: another `npm run dev` in this checkout makes these tests fail.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/users/password";
import { embeddedDbUrl } from "@/scripts/embedded-db/launch";
import { findFreePort } from "@/scripts/support/free-port";
import { descendants, isRunning, type ProcessId } from "@/test/support/process-tree";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const START_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 60_000;

interface Launcher {
  npm: ChildProcess;
  /** Its process tree as last recorded, for the clean-up after a failed test. */
  tree: ProcessId[];
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function launch(dataDir: string, port: number, anvilPort: number): Launcher {
  // A user's environment, not the test worker's (which points at the test database and sets
  // NODE_ENV=test); Node first on PATH is the one running the tests.
  const env: Record<string, string> = {
    PATH: [dirname(process.execPath), process.env.PATH].join(delimiter),
    HOME: process.env.HOME ?? tmpdir(),
    LANG: process.env.LANG ?? "C.UTF-8",
    PORT: String(port),
    ANVIL_PORT: String(anvilPort),
    JOPAY_DEV_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // detached: npm leads a process group of its own, as a shell's foreground job does.
  const npm = spawn("npm", ["run", "dev"], { cwd: REPO, env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  for (const stream of [npm.stdout, npm.stderr]) stream?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    npm.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { npm, tree: [], output: () => output, exited };
}

/** Resolves once the output holds `text`; rejects if npm exits first or the time runs out. */
function waitForOutput(run: Launcher, text: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no "${text}" within ${timeoutMs} ms:\n${run.output()}`)), timeoutMs);
    const check = () => run.output().includes(text) && done();
    const exit = () => done(new Error(`npm exited before printing "${text}":\n${run.output()}`));
    const done = (err?: Error) => {
      clearTimeout(timer);
      run.npm.stdout?.off("data", check);
      run.npm.off("exit", exit);
      if (err) reject(err);
      else resolve();
    };
    run.npm.stdout?.on("data", check);
    run.npm.once("exit", exit);
    check();
  });
}

async function exitWithin(run: Launcher, timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`npm still running ${timeoutMs} ms after the signal:\n${run.output()}`)), timeoutMs);
  });
  try {
    return await Promise.race([run.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until none of `procs` runs (each needs a moment to be reaped); returns those that still do. */
async function survivors(procs: ProcessId[], timeoutMs = 15_000): Promise<ProcessId[]> {
  const until = Date.now() + timeoutMs;
  let running = procs.filter(isRunning);
  while (running.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    running = running.filter(isRunning);
  }
  return running;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen({ port, host: "127.0.0.1", exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** Local addresses (hex, as /proc/net/tcp* write them) of the sockets listening on `port`. */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const found: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === "0A" && local?.endsWith(`:${hexPort}`)) found.push(local.split(":")[0]);
    }
  }
  return found;
}

const IPV4_LOOPBACK = "0100007F";
const IPV6_LOOPBACK = "00000000000000000000000001000000";

/** The lines a normal start and stop must not print. */
const warningOrError = (output: string) =>
  output.split("\n").filter((line) => /\bwarn(ing)?\b|\berror\b|ERR!|"level":"(warn|error)"/i.test(line));

function bannerValue(output: string, pattern: RegExp): string {
  const match = output.match(pattern);
  if (!match) throw new Error(`the banner has no ${pattern}:\n${output}`);
  return match[1];
}

/** The printed curl, lines from "curl" through the "-d" line, as a user pastes it. */
function printedCurl(output: string): string {
  const lines = output.split("\n");
  const start = lines.findIndex((l) => l.startsWith("curl "));
  const end = lines.findIndex((l, i) => i > start && l.trimStart().startsWith("-d "));
  if (start < 0 || end < 0) throw new Error(`no curl in the banner:\n${output}`);
  return lines.slice(start, end + 1).join("\n");
}

/** Stops it, checks everything a stop must leave behind, and returns the output. */
async function stopAndCheck(run: Launcher, signal: () => void, ports: number[], dataDir: string) {
  // Recorded last, after the pages were opened: whatever Next started for them is included.
  const started = descendants(run.npm.pid as number);
  run.tree = started;
  const commands = started.map((p) => p.command).join("\n");
  for (const part of [/scripts\/dev\.ts/, /server\/serve\.ts/, /embedded-db\/server\.ts/, /bin\/anvil /]) expect(commands).toMatch(part);
  signal();
  expect(await exitWithin(run, STOP_TIMEOUT_MS), run.output()).toEqual({ code: 0, signal: null });
  const left = await survivors(started);
  expect(left.map((p) => `${p.pid} ${p.command}`)).toEqual([]);
  for (const port of ports) expect(await portFree(port), `port ${port}`).toBe(true);
  // The embedded database released its data dir: the next start can take it.
  expect(existsSync(join(dataDir, "pglite", ".lock"))).toBe(false);
  expect(existsSync(join(dataDir, "pglite", "server.json"))).toBe(false);
  const output = run.output();
  expect(warningOrError(output), output).toEqual([]);
  // Next (in the web process) stopped before the launcher finished with the rest.
  expect(output.indexOf("› JoPay web stopping")).toBeGreaterThan(output.indexOf("› stopping…"));
  expect(output.lastIndexOf("› stopped")).toBeGreaterThan(output.indexOf("› JoPay web stopping"));
  return output;
}

describe("npm run dev", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "jopay-launcher-"));
  let port = 0;
  let anvilPort = 0;
  let firstPayPage = "";
  const runs: Launcher[] = [];

  beforeAll(async () => {
    // The launcher runs `npm install` when package-lock.json is newer than node_modules' copy. The
    // suite runs after an install (npm test, .ci/run), which may write the lock after that copy:
    // they are in step, and the test is not about installing, so the copy is marked current.
    const installed = join(REPO, "node_modules", ".package-lock.json");
    if (statSync(join(REPO, "package-lock.json")).mtimeMs > statSync(installed).mtimeMs) utimesSync(installed, new Date(), new Date());
    port = await findFreePort();
    anvilPort = await findFreePort();
  });
  afterAll(() => {
    // A failed test may leave a launcher, or what it started, running.
    for (const run of runs) {
      const tree = [...run.tree, ...descendants(run.npm.pid as number)];
      for (const p of tree.filter(isRunning)) process.kill(p.pid, "SIGKILL");
      if (run.npm.exitCode === null && run.npm.signalCode === null) run.npm.kill("SIGKILL");
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    "serves on loopback with working demo logins and curl, and stops on SIGTERM to npm leaving nothing behind",
    async () => {
      const startedAt = performance.now();
      const run = launch(dataDir, port, anvilPort);
      runs.push(run);
      await waitForOutput(run, "JoPay is running", START_TIMEOUT_MS);
      const startMs = performance.now() - startedAt;
      const output = run.output();

      // Bound to loopback only, and no URL in the output that other machines would use.
      expect(listeningAddresses(port).every((a) => a === IPV4_LOOPBACK || a === IPV6_LOOPBACK), output).toBe(true);
      expect(listeningAddresses(port)).not.toHaveLength(0);
      const hosts = [...output.matchAll(/https?:\/\/([^/:\s]+)/g)].map((m) => m[1]);
      expect(hosts.filter((h) => !["localhost", "127.0.0.1", "demo.localhost"].includes(h))).toEqual([]);

      // The printed curl works exactly as pasted, twice (each paste gets a fresh idempotency key),
      // creating test-mode requests for the printed test merchant.
      const testMerchant = bannerValue(output, /Merchant \(test mode\)\s+([0-9a-f-]{36})/);
      const curl = printedCurl(output);
      expect(curl).toContain(bannerValue(output, /^\s+test (jo_test_\w+)/m));
      const created = [];
      for (let i = 0; i < 2; i++) {
        const { stdout } = await promisify(execFile)("bash", ["-c", curl], { timeout: 120_000 });
        created.push(JSON.parse(stdout));
      }
      for (const body of created) {
        expect(body).toMatchObject({ ok: true, test_mode: true, merchant_id: testMerchant, status: "requested" });
      }
      expect(created[0].request_id).not.toBe(created[1].request_id);

      // The demo pay page opens.
      firstPayPage = bannerValue(output, /Pay page \(demo request\)\s+(\S+)/);
      expect((await fetch(firstPayPage)).status).toBe(200);

      // The printed partner console login is a member of partner "demo" with that password.
      const [email, password] = bannerValue(output, /Partner console login\s+(\S+ \/ \S+)/).split(" / ");
      const dbPort = JSON.parse(readFileSync(join(dataDir, "pglite", "server.json"), "utf8")).port as number;
      const client = new pg.Client({ connectionString: embeddedDbUrl(dbPort) });
      await client.connect();
      const { rows } = await client
        .query(`SELECT u.role, u."passwordHash", p.slug FROM users u JOIN partners p ON p.id = u."partnerId" WHERE u.email = $1`, [email])
        .finally(() => client.end());
      expect(rows).toMatchObject([{ role: "partner_member", slug: "demo" }]);
      expect(await verifyPassword(rows[0].passwordHash, password)).toBe(true);

      const stopStartedAt = performance.now();
      await stopAndCheck(run, () => process.kill(run.npm.pid as number, "SIGTERM"), [port, anvilPort], dataDir);
      console.info(`launcher: banner after ${Math.round(startMs)} ms, stopped in ${Math.round(performance.now() - stopStartedAt)} ms`);
    },
    START_TIMEOUT_MS + 180_000,
  );

  it(
    "stops the same way on Ctrl-C to its process group, and starts again on the same ports and data with the same demo request",
    async () => {
      const run = launch(dataDir, port, anvilPort);
      runs.push(run);
      await waitForOutput(run, "JoPay is running", START_TIMEOUT_MS);
      expect(bannerValue(run.output(), /Pay page \(demo request\)\s+(\S+)/)).toBe(firstPayPage);
      // The terminal sends SIGINT to every process in the foreground group (npm forwards it too).
      await stopAndCheck(run, () => process.kill(-(run.npm.pid as number), "SIGINT"), [port, anvilPort], dataDir);
    },
    START_TIMEOUT_MS + 120_000,
  );
});
