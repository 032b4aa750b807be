// The embedded database as the app uses it: a child process reached through plain `pg`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { EXIT_LOCK_HELD, type EmbeddedDb, EmbeddedDbStartError, startEmbeddedDb } from "./launch";

const root = mkdtempSync(join(tmpdir(), "jopay-embedded-db-"));
const running: EmbeddedDb[] = [];

async function start(dataDir: string): Promise<EmbeddedDb> {
  const db = await startEmbeddedDb({ dataDir });
  running.push(db);
  return db;
}

async function withPool<T>(url: string, fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((db) => db.stop()));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("embedded database", () => {
  it("keeps data across stop and restart, and releases its lock and server.json on stop", async () => {
    const dir = join(root, "persist");
    const first = await start(dir);
    expect(first.url).toBe(`postgresql://postgres@127.0.0.1:${first.port}/postgres?sslmode=disable`);
    // server.json is how other processes join a running server (open-database.ts).
    expect(JSON.parse(readFileSync(join(dir, "server.json"), "utf8"))).toEqual({ pid: first.pid, port: first.port });
    await withPool(first.url, async (pool) => {
      await pool.query("CREATE TABLE notes (id BIGINT PRIMARY KEY, body JSONB NOT NULL)");
      await pool.query("INSERT INTO notes VALUES (1, $1), (2, $2)", [{ a: 1 }, { b: [2] }]);
    });
    await first.stop();
    expect(existsSync(join(dir, ".lock"))).toBe(false);
    expect(existsSync(join(dir, "server.json"))).toBe(false);

    const second = await start(dir);
    const rows = await withPool(second.url, async (pool) => {
      // A pool of 5 firing at once: PGlite serialises them, none may fail.
      const all = await Promise.all(
        Array.from({ length: 20 }, () => pool.query("SELECT id, body FROM notes ORDER BY id")),
      );
      return all.map((r) => r.rows);
    });
    for (const r of rows) expect(r).toEqual([{ id: "1", body: { a: 1 } }, { id: "2", body: { b: [2] } }]);
  });

  it("takes over a lock left by a dead process", async () => {
    const dir = join(root, "stale");
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, ".lock"), `${dead}\n`);

    const db = await start(dir);
    expect(readFileSync(join(dir, ".lock"), "utf8").trim()).toBe(String(db.pid));
    await withPool(db.url, async (pool) => {
      expect((await pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    });
  });

  it("refuses a second server on a data dir that a live server owns", async () => {
    const dir = join(root, "owned");
    const owner = await start(dir);
    const attempt = startEmbeddedDb({ dataDir: dir });
    await expect(attempt).rejects.toBeInstanceOf(EmbeddedDbStartError);
    await expect(attempt).rejects.toMatchObject({
      exitCode: EXIT_LOCK_HELD,
      message: expect.stringContaining(`held by running process ${owner.pid}`),
    });
    // The refused process must not have touched the owner's lock.
    expect(readFileSync(join(dir, ".lock"), "utf8").trim()).toBe(String(owner.pid));
    await withPool(owner.url, async (pool) => {
      expect((await pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    });
  });

  it("applies the init migration in one transaction", async () => {
    const db = await start(join(root, "migration"));
    const sql = readFileSync(join(process.cwd(), "prisma/migrations/20261121000000_init/migration.sql"), "utf8");
    await withPool(db.url, async (pool) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query(sql);
        await client.query("COMMIT");
      } finally {
        client.release();
      }
      const tables = await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
      );
      expect(tables.rows[0]?.n).toBeGreaterThan(10);
      // Prisma's column defaults must work as on Postgres.
      const row = await pool.query(
        `INSERT INTO partners (id, slug, name, currency, "updatedAt")
         VALUES (gen_random_uuid(), 'acme', 'Acme', 'USD', now()) RETURNING "allowedExpiryMinutes"`,
      );
      expect(row.rows[0]).toEqual({ allowedExpiryMinutes: [15, 30, 60, 1440, 10080] });
    });
  });

  // Regression for pipeline-affinity.ts: another connection's query must not run between a
  // client's Parse and its Sync (it would replace the shared unnamed statement).
  it("keeps an extended-query pipeline split across TCP reads intact", async () => {
    const db = await start(join(root, "pipeline"));
    const a = await rawClient(db.port);
    const b = await rawClient(db.port);
    try {
      a.send(parse("SELECT 'AAAA' AS k"));
      await sleep(100); // A's Parse is executed on its own, as when a big Bind is still arriving
      b.send(Buffer.concat([parse("SELECT 'BBBB' AS k"), rest()]));
      await sleep(100);
      a.send(rest());
      const [fromA, fromB] = await Promise.all([a.untilReady(), b.untilReady()]);
      expect(fromA).toContain("AAAA");
      expect(fromB).toContain("BBBB");
    } finally {
      a.close();
      b.close();
    }
  });
});

// Minimal Postgres frontend messages, so the test controls exactly how they are split.
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
const cstr = (s: string) => Buffer.from(`${s}\0`, "utf8");
const int16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const parse = (sql: string) => message("P", Buffer.concat([cstr(""), cstr(sql), int16(0)]));
const rest = () =>
  Buffer.concat([
    message("B", Buffer.concat([cstr(""), cstr(""), int16(0), int16(0), int16(0)])),
    message("D", Buffer.concat([Buffer.from("P"), cstr("")])),
    message("E", Buffer.concat([cstr(""), Buffer.alloc(4)])),
    message("S", Buffer.alloc(0)),
  ]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RawClient {
  send(data: Buffer): void;
  /** Everything received up to the next ReadyForQuery, as latin1 text. */
  untilReady(): Promise<string>;
  close(): void;
}

async function rawClient(port: number): Promise<RawClient> {
  const socket: Socket = connect(port, "127.0.0.1");
  let received = Buffer.alloc(0);
  let waiter: (() => void) | undefined;
  socket.on("data", (chunk) => {
    received = Buffer.concat([received, chunk]);
    waiter?.();
  });
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));

  const untilReady = () =>
    new Promise<string>((resolve) => {
      const check = () => {
        const end = readyForQueryEnd(received);
        if (end === undefined) return;
        waiter = undefined;
        const text = received.subarray(0, end).toString("latin1");
        received = received.subarray(end);
        resolve(text);
      };
      waiter = check;
      check();
    });

  const params = Buffer.concat([cstr("user"), cstr("postgres"), cstr("database"), cstr("postgres"), cstr("")]);
  const startup = Buffer.alloc(8);
  startup.writeInt32BE(params.length + 8, 0);
  startup.writeInt32BE(196608, 4); // protocol 3.0
  socket.write(Buffer.concat([startup, params]));
  await untilReady();
  return { send: (data) => socket.write(data), untilReady, close: () => socket.destroy() };
}

/** Byte offset just past the first complete ReadyForQuery ('Z') backend message, if any. */
function readyForQueryEnd(buf: Buffer): number | undefined {
  let offset = 0;
  while (offset + 5 <= buf.length) {
    const end = offset + 1 + buf.readInt32BE(offset + 1);
    if (end > buf.length) return undefined;
    if (buf[offset] === 0x5a) return end;
    offset = end;
  }
  return undefined;
}
