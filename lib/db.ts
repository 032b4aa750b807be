// The one Prisma client and the one connection pool under it. Created on first use so that
// launchers (dev start, tests) can set DATABASE_URL before anything touches the database. The pool
// is ours (not the adapter's) so the API's hot path can run plain SQL on the same connections
// (lib/db/sql.ts): Prisma costs about four times the CPU of pg per query (bench:api).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, Prisma } from "@/lib/generated/prisma/client";
import { config } from "@/lib/config";
import { log } from "@/lib/log";

export type Tx = Prisma.TransactionClient;
export { Prisma };

const holder = globalThis as unknown as { __jopayDb?: PrismaClient; __jopayPool?: pg.Pool };

/** The pool every query runs on, Prisma's and plain SQL's alike. */
export function getPool(): pg.Pool {
  if (holder.__jopayPool) return holder.__jopayPool;
  const url = config().DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start JoPay with `npm run dev` (embedded database) or set DATABASE_URL");
  }
  const pool = new pg.Pool({ connectionString: url, max: config().DATABASE_POOL_SIZE });
  // An idle connection that dies (database restart) is dropped by the pool; without a listener
  // the error event would crash the process.
  pool.on("error", (err) => log.warn("idle database connection lost", { error: err.message }));
  holder.__jopayPool = pool;
  return pool;
}

export function getDb(): PrismaClient {
  holder.__jopayDb ??= new PrismaClient({ adapter: new PrismaPg(getPool()) });
  return holder.__jopayDb;
}

/** Lazy handle: `db.merchant.findMany(...)` creates the client on first property access. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export async function disconnectDb() {
  if (holder.__jopayDb) {
    await holder.__jopayDb.$disconnect();
    holder.__jopayDb = undefined;
  }
  if (holder.__jopayPool) {
    const pool = holder.__jopayPool;
    holder.__jopayPool = undefined;
    await pool.end();
  }
}
