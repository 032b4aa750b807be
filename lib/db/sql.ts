// Plain SQL on the app's pool, for the paths every API request takes (key lookup, rate limit,
// create), where Prisma's per-query CPU is several times pg's and showed in throughput (bench:api). Row
// types are pg's defaults: int8 and numeric arrive as strings, timestamptz as Date, jsonb parsed.
// Everything else uses Prisma; a mapper that turns these rows into Prisma's types has a test that
// compares its output with Prisma's for the same row.
import type pg from "pg";
import { getPool } from "@/lib/db";

/** A query runner: the pool, or one connection inside a transaction. */
export type Sql = <T = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<T[]>;

const run = (client: pg.Pool | pg.PoolClient): Sql => async (text, values) => (await client.query(text, values)).rows;

/** One statement on any pooled connection (autocommit). */
export const sql: Sql = (text, values) => run(getPool())(text, values);

// A transaction that hangs (a lock wait behind a stuck peer) must not hold its connection and
// locks for ever: Prisma's interactive transactions time out after 15 s, so do these.
const BEGIN = "BEGIN; SET LOCAL statement_timeout = 15000";

/** Runs `fn` in one transaction on one connection: COMMIT if it returns, ROLLBACK if it throws. */
export async function sqlTransaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  let broken = false;
  try {
    await client.query(BEGIN);
    const result = await fn(run(client));
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {
      broken = true; // a connection that cannot roll back is not given back to the pool
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
