// The one Prisma client and the one connection pool under it. Created on first use so that
// launchers (dev start, tests) can set DATABASE_URL before anything touches the database. The pool
// is ours (not the adapter's) so the API's hot path can run plain SQL on the same connections
// (lib/db/sql.ts): Prisma's per-query CPU is several times pg's (bench:api).
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
  // Bounded waits on every query path, Prisma's and plain SQL's, set at connection start: a lock
  // held by a stuck peer or a runaway statement fails (55P03 / 57014, answered 503 with
  // Retry-After: lib/db/transient-error.ts) instead of holding a connection and its caller for
  // ever. (The embedded demo database ignores them; it runs one statement at a time anyway.)
  const pool = new pg.Pool({ connectionString: url, max: config().DATABASE_POOL_SIZE, connectionTimeoutMillis: POOL_WAIT_MS, options: SESSION_LIMITS });
  // An idle connection that dies (database restart) is dropped by the pool; without a listener
  // the error event would crash the process.
  pool.on("error", (err) => log.warn("idle database connection lost", { error: err.message }));
  // The pool listens only to idle connections. One checked out (held by a transaction between its
  // statements) that the server drops (restart, failover, pg_terminate_backend) emits "error" with
  // nobody listening: an uncaught "Connection terminated unexpectedly" that would take the process
  // down. Its holder still gets the error from its next query; the pool then discards it.
  pool.on("connect", (client) => client.on("error", (err) => log.warn("database connection lost", { error: err.message })));
  holder.__jopayPool = pool;
  return pool;
}

/** The pool's occupancy for metrics, or null before anything has opened it (never creates it). */
export function poolStats(): { max: number; total: number; idle: number; waiting: number } | null {
  const pool = holder.__jopayPool;
  return pool ? { max: pool.options.max ?? 0, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

// A caller waits at most this long for a free connection (then: 503, retry). Prisma's interactive
// transactions wait as long for theirs (its default, 2 s, failed 10 of 50 concurrent proof
// attaches on a 10-connection pool) and may run 15 s, like lib/db/sql.ts's transactions.
const POOL_WAIT_MS = 10_000;
const TRANSACTION = { maxWait: POOL_WAIT_MS, timeout: 15_000 };
const SESSION_LIMITS = "-c statement_timeout=15000 -c lock_timeout=5000 -c idle_in_transaction_session_timeout=30000";

export function getDb(): PrismaClient {
  holder.__jopayDb ??= new PrismaClient({ adapter: new PrismaPg(getPool()), transactionOptions: TRANSACTION });
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
