// How scripts (CLI, dev launcher, seed) get a database: DATABASE_URL when set; otherwise the
// embedded default in .data/pglite — joining the server a running `npm run dev` already owns
// (found through its server.json), or starting one for the duration of the script.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { migrate } from "@/lib/db/migrate";
import { embeddedDbUrl, startEmbeddedDb } from "./launch";

/** JOPAY_DATA_DIR moves the embedded database (tests use a temporary one). */
export const defaultDataDir = () => process.env.JOPAY_DATA_DIR ?? ".data/pglite";

export interface OpenDatabase {
  url: string;
  /** "external" (DATABASE_URL), "shared" (a running dev server's), or "owned" (started here). */
  kind: "external" | "shared" | "owned";
  close(): Promise<void>;
}

/** The port of a live embedded server owning dataDir, if there is one. */
export function runningEmbeddedServer(dataDir = defaultDataDir()): { pid: number; port: number } | null {
  const file = join(resolve(dataDir), "server.json");
  if (!existsSync(file)) return null;
  try {
    const info = JSON.parse(readFileSync(file, "utf8")) as { pid: number; port: number };
    process.kill(info.pid, 0); // throws if no such process
    return info;
  } catch {
    return null;
  }
}

/** `detached`: an embedded server this starts gets its own process group (see EmbeddedDbOptions). */
export async function openDatabase(opts: { migrate?: boolean; dataDir?: string; detached?: boolean } = {}): Promise<OpenDatabase> {
  const external = process.env.DATABASE_URL;
  let db: OpenDatabase;
  if (external) {
    db = { url: external, kind: "external", close: async () => {} };
  } else {
    const running = runningEmbeddedServer(opts.dataDir);
    if (running) {
      db = { url: embeddedDbUrl(running.port), kind: "shared", close: async () => {} };
    } else {
      const server = await startEmbeddedDb({ dataDir: opts.dataDir ?? defaultDataDir(), detached: opts.detached });
      // Our own server: stop it even if the script dies on an exception.
      db = { url: server.url, kind: "owned", close: () => server.stop() };
    }
    process.env.DATABASE_URL = db.url;
  }
  // The embedded default migrates itself: a newcomer never runs a separate step. An external
  // database is migrated only when asked (`npm run jopay -- migrate`), as operators expect; a
  // running dev server (shared) has migrated at its start.
  // Only the process that started the embedded server migrates: PGlite shares one session across
  // connections, so advisory locks cannot keep two concurrent runners apart there.
  if (opts.migrate && db.kind === "owned") await migrate(db.url);
  return db;
}
