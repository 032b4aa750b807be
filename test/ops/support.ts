// Shared by the health and metrics tests: a database of the file's own (readiness and the gauges
// read whole tables, which other test files fill at the same time), a chain RPC that can be
// stopped and started again on the same address, and the real worker (`npm run worker`'s entry,
// worker/index.ts) as a child process.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, connect, type Server, type Socket } from "node:net";
import { inject } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { migrate } from "@/lib/db/migrate";
import { createDatabase, dropDatabase } from "../setup/postgres";

export const METRICS_TOKEN = "metrics-token-for-tests-0123456789abcdef";

/** A fresh migrated database that this file's app (and its worker children) use from now on. */
export async function useOwnDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = inject("adminDatabaseUrl");
  const url = await createDatabase(admin, "jopay_ops");
  await migrate(url);
  process.env.DATABASE_URL = url;
  resetConfigForTests();
  return {
    url,
    async drop() {
      const { disconnectDb } = await import("@/lib/db");
      await disconnectDb();
      await dropDatabase(admin, url);
    },
  };
}

/** Points both modes at one chain (as `npm run dev` does) for this process and its children. */
export function useChainForBothModes(chain: { chainId: number; rpcUrl: string; usdcAddress: string }) {
  for (const mode of ["LIVE", "TEST"]) {
    process.env[`${mode}_CHAIN_ID`] = String(chain.chainId);
    process.env[`${mode}_RPC_URL`] = chain.rpcUrl;
    process.env[`${mode}_USDC_ADDRESS`] = chain.usdcAddress;
  }
  resetConfigForTests();
}

/**
 * A TCP front for an RPC: `stop()` closes the port and every connection through it (the node is
 * gone: connection refused), `start()` listens on the same port again.
 */
export async function startStoppableProxy(target: string) {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(Number(targetPort), hostname);
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on("close", () => sockets.delete(sock));
          sock.on("error", () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    start,
    async stop() {
      const s = server;
      server = null;
      for (const sock of sockets) sock.destroy();
      if (s) await new Promise((r) => s.close(r));
    },
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** `node --import tsx worker/index.ts` with this process's environment plus `env`; resolves once it runs. */
export function startWorkerProcess(env: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, LOG_LEVEL: "info", WORKER_POLL_MS: "100", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const handle: WorkerProcess = {
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise((r) => {
        child.once("exit", r);
        child.kill("SIGTERM");
      });
    },
  };
  return new Promise((resolve, reject) => {
    const onData = () => out.includes('"worker started"') && resolve(handle);
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`worker exited early (${code}): ${out.slice(-3000)}`)));
  });
}

/** Polls `probe` until `done` holds for its result (or throws after timeoutMs with the last one). */
export async function until<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last: ${JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? String(x) : x)).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
