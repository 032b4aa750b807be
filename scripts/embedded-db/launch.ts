// Starts the embedded database (server.ts) in its own process and hands back a connection URL
// for the ordinary `pg` / @prisma/adapter-pg driver. It runs in a separate process because
// PGlite runs one query at a time on its thread. In-process, every query would block the app's
// event loop.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { EXIT_LOCK_HELD } from "./lock";

export { EXIT_LOCK_HELD };

export interface EmbeddedDbOptions {
  /** Data dir owned by the server; created if missing. Default `.data/pglite` (cwd-relative). */
  dataDir?: string;
  /** TCP port on 127.0.0.1; 0 or omitted lets the OS pick a free one. */
  port?: number;
  /** Connections beyond this are closed by the server, not queued. Default 100. */
  maxConnections?: number;
  /** How long to wait for the ready line. Default 60 s (first run includes initdb). */
  readyTimeoutMs?: number;
  /**
   * Run the server in a process group of its own, so a Ctrl-C in the terminal reaches only us and
   * we stop it when we choose (the dev launcher stops it after the web server, which still needs
   * it). The IPC lifeline below works either way. Default false: it shares ours.
   */
  detached?: boolean;
}

export interface EmbeddedDbExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface EmbeddedDb {
  /** e.g. `postgresql://postgres@127.0.0.1:54321/postgres?sslmode=disable` */
  url: string;
  port: number;
  pid: number;
  /** Resolves when the server process exits, whether through stop() or not. Like any child
   * process, a running server keeps the caller's event loop alive until stop(). */
  exited: Promise<EmbeddedDbExit>;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

/** The server process failed before it was ready; `exitCode` is EXIT_LOCK_HELD if the data dir is in use. */
export class EmbeddedDbStartError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = "EmbeddedDbStartError";
  }
}

const DEFAULT_READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const STDERR_TAIL_CHARS = 8_000;

const serverPath = fileURLToPath(new URL("./server.ts", import.meta.url));

/** The URL form `pg` accepts for this server (PGlite ignores user, password and database name). */
export function embeddedDbUrl(port: number): string {
  return `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

export async function startEmbeddedDb(options: EmbeddedDbOptions = {}): Promise<EmbeddedDb> {
  const dataDir = resolve(options.dataDir ?? ".data/pglite");
  // An absolute loader URL, so the child finds tsx whatever the caller's cwd is.
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const args = [
    "--import",
    tsxLoader,
    serverPath,
    "--data-dir",
    dataDir,
    "--port",
    String(options.port ?? 0),
  ];
  if (options.maxConnections !== undefined) {
    args.push("--max-connections", String(options.maxConnections));
  }
  // The "ipc" channel is our lifeline: when this process dies, the server sees it disconnect
  // and shuts down cleanly instead of keeping the data dir locked.
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe", "ipc"], detached: options.detached ?? false });

  let stderrTail = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
  });
  const exited = new Promise<EmbeddedDbExit>((done) => {
    child.once("exit", (code, signal) => done({ code, signal }));
  });

  let port: number;
  try {
    port = await waitForReady(child, exited, options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS, () => stderrTail);
  } catch (err) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    throw err;
  }

  // A parent that exits normally sends SIGTERM. If it is killed, the IPC disconnect stops the server.
  const onParentExit = () => child.kill("SIGTERM");
  process.once("exit", onParentExit);
  let stopRequested = false;
  void exited.then(({ code, signal }) => {
    process.removeListener("exit", onParentExit);
    if (!stopRequested) {
      console.error(
        `embedded-db: server (pid ${child.pid}) exited unexpectedly (code ${code}, signal ${signal})\n${stderrTail}`,
      );
    }
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      stopRequested = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const force = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(force);
    })();
    return stopping;
  };

  return { url: embeddedDbUrl(port), port, pid: child.pid ?? -1, exited, stop };
}

function waitForReady(
  child: ChildProcess,
  exited: Promise<EmbeddedDbExit>,
  timeoutMs: number,
  stderr: () => string,
): Promise<number> {
  return new Promise<number>((resolveReady, reject) => {
    const timer = setTimeout(() => {
      reject(new EmbeddedDbStartError(`embedded-db: not ready after ${timeoutMs} ms\n${stderr()}`, null));
    }, timeoutMs);
    const settle = () => clearTimeout(timer);

    let buffered = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      // Keep draining after the ready line: a full pipe would block the server.
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf("\n")) !== -1) {
        const port = readyPort(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        if (port !== undefined) {
          settle();
          resolveReady(port);
        }
      }
      if (buffered.length > STDERR_TAIL_CHARS) buffered = buffered.slice(-STDERR_TAIL_CHARS);
    });
    child.on("error", (err) => {
      settle();
      reject(new EmbeddedDbStartError(`embedded-db: could not start ${serverPath}: ${err.message}`, null));
    });
    void exited.then(({ code, signal }) => {
      settle();
      // No effect if the server was ready already.
      reject(
        new EmbeddedDbStartError(
          `embedded-db: server exited before it was ready (code ${code}, signal ${signal})\n${stderr()}`,
          code,
        ),
      );
    });
  });
}

function readyPort(line: string): number | undefined {
  try {
    const msg: unknown = JSON.parse(line);
    if (typeof msg === "object" && msg !== null && "ready" in msg && "port" in msg) {
      const { ready, port } = msg;
      if (ready === true && typeof port === "number" && port > 0) return port;
    }
  } catch {
    // Not our line (PGlite or Node may print to stdout too).
  }
  return undefined;
}
