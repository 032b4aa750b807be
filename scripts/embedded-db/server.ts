// Child-process entry of the embedded database (see launch.ts). PGlite is single-threaded and
// keeps no lock on its data dir, so this process must be the only one that ever opens it: it
// takes `<dataDir>/.lock` first and serves everyone else over the Postgres wire protocol.
//
//   node --import tsx scripts/embedded-db/server.ts --data-dir .data/pglite [--port 0]
//
// Prints exactly one `{"ready":true,"port":N}` line on stdout once it accepts connections.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { acquireLock, LockHeldError, releaseLock } from "./lock";

/** Exit status when another live process owns the data dir, so launchers can tell it apart. */
export const EXIT_LOCK_HELD = 3;

// Connections beyond this are closed by pglite-socket (not queued), so keep it well above any
// pool size the app and its scripts use together.
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

function shutdown(code: number): Promise<void> {
  stopping ??= (async () => {
    try {
      await server?.stop();
      // close() checkpoints and shuts Postgres down cleanly; skipping it means WAL replay on the
      // next start (and a lost tail if the OS had not flushed yet).
      if (db && !db.closed) await db.close();
    } catch (err) {
      console.error("embedded-db: error during shutdown:", err);
      code = code || 1;
    } finally {
      releaseLock(dataDir);
      process.exit(code);
    }
  })();
  return stopping;
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
// Spawned with an IPC channel by launch.ts: it closes however the parent dies (even SIGKILL),
// which is the only reliable way to not outlive it and keep the data dir locked.
if (process.connected) process.on("disconnect", () => void shutdown(0));

try {
  db = await PGlite.create(dataDir);
  server = new PGLiteSocketServer({
    db,
    host: "127.0.0.1",
    port,
    maxConnections,
  });
  await server.start();
} catch (err) {
  console.error(`embedded-db: failed to start on ${dataDir}:`, err);
  await shutdown(1);
}

// getServerConn() is "host:port" once listening; with port 0 it carries the OS-chosen port.
const listening = Number(server?.getServerConn().split(":").pop());
process.stdout.write(`${JSON.stringify({ ready: true, port: listening })}\n`);

function fail(message: string, code = 2): never {
  console.error(`embedded-db: ${message}`);
  process.exit(code);
}
