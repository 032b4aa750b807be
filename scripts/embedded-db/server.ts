// Child-process entry of the embedded database (see launch.ts). PGlite is single-threaded and
// keeps no lock on its data dir, so this process must be the only one that ever opens it: it
// takes `<dataDir>/.lock` first and serves everyone else over the Postgres wire protocol.
//
//   node --import tsx scripts/embedded-db/server.ts --data-dir .data/pglite [--port 0]
//
// Prints exactly one `{"ready":true,"port":N}` line on stdout once it accepts connections, and
// writes the same port to `<dataDir>/server.json` so other processes can join the running server.
// Exit codes: 0 after SIGINT/SIGTERM, 1 start/stop failure, 2 bad arguments, EXIT_LOCK_HELD.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import {
  acquireLock,
  EXIT_LOCK_HELD,
  LockHeldError,
  releaseLock,
  removeServerInfo,
  writeServerInfo,
} from "./lock";
import { pipelineAffinity } from "./pipeline-affinity";

// pglite-socket closes connections beyond this limit instead of queueing them, so keep it well
// above the pool sizes of everything that may connect at once (app, workers, scripts).
const DEFAULT_MAX_CONNECTIONS = 100;

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: ".data/pglite" },
    port: { type: "string", default: "0" },
    "max-connections": { type: "string", default: String(DEFAULT_MAX_CONNECTIONS) },
  },
  strict: true,
});

const dataDir = resolve(values["data-dir"]);
const port = Number(values.port);
const maxConnections = Number(values["max-connections"]);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid --port ${values.port}`);
if (!Number.isInteger(maxConnections) || maxConnections < 1) {
  fail(`invalid --max-connections ${values["max-connections"]}`);
}

mkdirSync(dataDir, { recursive: true });
try {
  acquireLock(dataDir);
} catch (err) {
  if (err instanceof LockHeldError) fail(err.message, EXIT_LOCK_HELD);
  throw err;
}

let db: PGlite | undefined;
let server: PGLiteSocketServer | undefined;
let stopping: Promise<void> | undefined;

const started = start();

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
// launch.ts spawns us with an IPC channel: it closes however the parent dies (even SIGKILL),
// which is the only reliable way not to outlive it and leave the data dir locked.
if (process.connected) process.on("disconnect", () => void shutdown(0));

await started;

async function start(): Promise<void> {
  try {
    db = await PGlite.create(dataDir);
    server = new PGLiteSocketServer({
      db: pipelineAffinity(db),
      host: "127.0.0.1",
      port,
      maxConnections,
    });
    await server.start();
    // getServerConn() is "host:port" once listening; with port 0 it carries the OS-chosen port.
    const listening = Number(server.getServerConn().split(":").pop());
    writeServerInfo(dataDir, listening);
    process.stdout.write(`${JSON.stringify({ ready: true, port: listening })}\n`);
  } catch (err) {
    console.error(`embedded-db: failed to start on ${dataDir}:`, err);
    await shutdown(1);
  }
}

function shutdown(code: number): Promise<void> {
  stopping ??= (async () => {
    // Never interrupt PGlite.create(): killing a first-run initdb leaves a half-made data dir.
    if (code === 0) await started;
    try {
      await server?.stop();
      // close() checkpoints and shuts Postgres down cleanly; without it the next start has to
      // replay the WAL.
      if (db && !db.closed) await db.close();
    } catch (err) {
      console.error("embedded-db: error during shutdown:", err);
      code ||= 1;
    } finally {
      removeServerInfo(dataDir);
      releaseLock(dataDir);
      process.exit(code);
    }
  })();
  return stopping;
}

function fail(message: string, code = 2): never {
  console.error(`embedded-db: ${message}`);
  process.exit(code);
}
