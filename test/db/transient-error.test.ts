// Transient database failures are recognised by code, as real PostgreSQL, pg and Prisma produce
// them — statement and lock timeouts, a terminated backend, a refused connection, an exhausted
// pool, no transaction slot in time, a deadlock — and client mistakes or bugs are not.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { isTransientDbError } from "@/lib/db/transient-error";
import { PrismaClient } from "@/lib/generated/prisma/client";

const url = process.env.DATABASE_URL!;
const pools: pg.Pool[] = [];
const prismas: PrismaClient[] = [];
function pool(opts: pg.PoolConfig = {}) {
  const p = new pg.Pool({ connectionString: url, max: 2, ...opts });
  p.on("error", () => {}); // a terminated idle client
  pools.push(p);
  return p;
}
function prismaOn(p: pg.Pool) {
  const client = new PrismaClient({ adapter: new PrismaPg(p) });
  prismas.push(client);
  return client;
}
afterAll(async () => {
  for (const c of prismas) await c.$disconnect().catch(() => {});
  for (const p of pools) await p.end().catch(() => {});
});

const failure = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a failure");
};

/** Runs the statements in one transaction on one connection, then rolls back. */
async function inTransaction(p: pg.Pool, ...statements: string[]) {
  const c = await p.connect();
  try {
    await c.query("BEGIN");
    for (const st of statements) await c.query(st);
  } finally {
    await c.query("ROLLBACK").catch(() => {});
    c.release();
  }
}

describe("isTransientDbError", () => {
  it("a statement timeout and a lock timeout, through pg and through Prisma", async () => {
    const p = pool();
    const prisma = prismaOn(p);
    const viaPg = await failure(() => inTransaction(p, "SET LOCAL statement_timeout = 20", "SELECT pg_sleep(1)"));
    expect((viaPg as { code?: string }).code).toBe("57014");
    expect(isTransientDbError(viaPg)).toBe(true);

    const viaPrisma = await failure(() =>
      prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL statement_timeout = 20");
        await tx.$executeRawUnsafe("SELECT pg_sleep(1)");
      }),
    );
    expect(isTransientDbError(viaPrisma)).toBe(true);

    // A lock held elsewhere, and lock_timeout.
    const holder = await p.connect();
    await holder.query("BEGIN; LOCK TABLE pg_catalog.pg_description IN SHARE MODE");
    const other = pool({ max: 1 });
    const lockErr = await failure(() => inTransaction(other, "SET LOCAL lock_timeout = 20", "LOCK TABLE pg_catalog.pg_description IN EXCLUSIVE MODE"));
    await holder.query("ROLLBACK");
    holder.release();
    expect((lockErr as { code?: string }).code).toBe("55P03");
    expect(isTransientDbError(lockErr)).toBe(true);
  });

  it("a backend terminated by the server (restart, failover), through pg and through Prisma", async () => {
    const p = pool();
    const viaPg = await failure(() => p.query("SELECT pg_terminate_backend(pg_backend_pid())"));
    expect((viaPg as { code?: string }).code).toBe("57P01");
    expect(isTransientDbError(viaPg)).toBe(true);
    const viaPrisma = await failure(() => prismaOn(pool()).$queryRawUnsafe("SELECT pg_terminate_backend(pg_backend_pid())"));
    expect(isTransientDbError(viaPrisma)).toBe(true);
  });

  it("a refused connection, an exhausted pool and no transaction slot in time", async () => {
    const refused = new pg.Pool({ connectionString: "postgresql://postgres@127.0.0.1:1/postgres" });
    pools.push(refused);
    const viaPg = await failure(() => refused.query("SELECT 1"));
    expect(isTransientDbError(viaPg)).toBe(true);
    expect(isTransientDbError(await failure(() => prismaOn(refused).$queryRawUnsafe("SELECT 1")))).toBe(true);

    const one = pool({ max: 1, connectionTimeoutMillis: 50 });
    const held = await one.connect();
    const poolTimeout = await failure(() => one.query("SELECT 1"));
    expect((poolTimeout as Error).message).toBe("timeout exceeded when trying to connect");
    expect(isTransientDbError(poolTimeout)).toBe(true);
    held.release();

    const narrow = prismaOn(pool({ max: 1 }));
    const slot = await failure(() =>
      Promise.all([1, 2].map(() => narrow.$transaction((tx) => tx.$executeRawUnsafe("SELECT pg_sleep(0.4)"), { maxWait: 50 }))),
    );
    expect((slot as { code?: string }).code).toBe("P2028");
    expect(isTransientDbError(slot)).toBe(true);
  });

  it("a deadlock victim", async () => {
    const p = pool();
    const setup = await p.connect();
    const table = `deadlock_${process.pid}_${Date.now()}`;
    await setup.query(`CREATE TABLE ${table} (id int PRIMARY KEY); INSERT INTO ${table} VALUES (1), (2)`);
    setup.release();
    const [a, b] = [await p.connect(), await p.connect()];
    await a.query(`BEGIN; UPDATE ${table} SET id = id WHERE id = 1`);
    await b.query(`BEGIN; UPDATE ${table} SET id = id WHERE id = 2`);
    const results = await Promise.allSettled([a.query(`UPDATE ${table} SET id = id WHERE id = 2`), b.query(`UPDATE ${table} SET id = id WHERE id = 1`)]);
    const victim = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(victim.reason.code).toBe("40P01");
    expect(isTransientDbError(victim.reason)).toBe(true);
    for (const c of [a, b]) {
      await c.query("ROLLBACK");
      c.release();
    }
    await p.query(`DROP TABLE ${table}`);
  });

  it("not a client's or a programmer's mistake: a unique violation, bad SQL, an untranslatable character", async () => {
    const p = pool();
    const prisma = prismaOn(p);
    expect(isTransientDbError(await failure(() => p.query("SELEC 1")))).toBe(false);
    expect(isTransientDbError(await failure(() => p.query("SELECT $1::jsonb", ['{"a":"\\u0000"}'])))).toBe(false);
    expect(isTransientDbError(await failure(() => p.query("SELECT 1/0")))).toBe(false);
    expect(isTransientDbError(await failure(() => prisma.$queryRawUnsafe("SELECT 1/0")))).toBe(false);
    const table = `uniq_${process.pid}_${Date.now()}`;
    await p.query(`CREATE TABLE ${table} (id int PRIMARY KEY)`);
    expect(isTransientDbError(await failure(() => p.query(`INSERT INTO ${table} VALUES (1), (1)`)))).toBe(false);
    await p.query(`DROP TABLE ${table}`);
    expect(isTransientDbError(new Error("Connection terminated unexpectedly, says a caller"))).toBe(false);
    expect(isTransientDbError("ECONNREFUSED")).toBe(false);
  });
});

describe("a connection the server drops under a transaction", () => {
  it("is no uncaught error: the transaction fails as transient, the pool serves the next query", async () => {
    const { getPool } = await import("@/lib/db");
    const { sql, sqlTransaction } = await import("@/lib/db/sql");
    const killer = pool();
    const failed = await failure(() =>
      sqlTransaction(async (tx) => {
        const [{ pid }] = await tx<{ pid: number }>("SELECT pg_backend_pid() AS pid");
        await killer.query("SELECT pg_terminate_backend($1)", [pid]);
        // Idle in the transaction while the server closes it: the client emits "error" now.
        await new Promise((r) => setTimeout(r, 300));
        await tx("SELECT 1");
      }),
    );
    expect(isTransientDbError(failed)).toBe(true);
    expect(await sql<{ one: number }>("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    expect(getPool().totalCount).toBeGreaterThan(0);
  });
});
