// Fixed-window rate limits per key (SPEC §4: 60/min default, POST /api/v1/merchants 30/min,
// per-partner overrides). Counting is one atomic increment in the shared store, so the limit is
// exact under concurrency and across web instances: Redis when REDIS_URL is set, else PostgreSQL.
// The in-memory store exists for unit tests of the window arithmetic only.
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { sql } from "@/lib/db/sql";

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

export interface CounterStore {
  /** Atomically adds one to the counter of (key, window) and returns the new count. */
  increment(key: string, windowStartMs: number, windowMs: number): Promise<number>;
}

export async function hit(
  store: CounterStore,
  key: string,
  limit: number,
  windowMs = 60_000,
  now = Date.now(),
): Promise<RateLimitResult> {
  const windowStart = now - (now % windowMs);
  const count = await store.increment(key, windowStart, windowMs);
  const resetSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetSeconds };
}

export function rateLimitHeaders(r: RateLimitResult): Record<string, string> {
  const h: Record<string, string> = {
    "RateLimit-Limit": String(r.limit),
    "RateLimit-Remaining": String(r.remaining),
    "RateLimit-Reset": String(r.resetSeconds),
  };
  if (!r.allowed) h["Retry-After"] = String(r.resetSeconds);
  return h;
}

export class MemoryStore implements CounterStore {
  private counts = new Map<string, { count: number; expires: number }>();
  async increment(key: string, windowStartMs: number, windowMs: number) {
    const k = `${key}@${windowStartMs}`;
    const now = Date.now();
    const cur = this.counts.get(k);
    const count = (cur?.count ?? 0) + 1;
    this.counts.set(k, { count, expires: windowStartMs + windowMs });
    if (this.counts.size > 10_000) for (const [kk, v] of this.counts) if (v.expires < now) this.counts.delete(kk);
    return count;
  }
}

// Plain SQL (lib/db/sql.ts): every API request runs this. Exported for bench:api's bare baseline.
export const INCREMENT_SQL = `
  INSERT INTO rate_limit_counters (key, "windowStart", count, "expiresAt") VALUES ($1, $2, 1, $3)
  ON CONFLICT (key, "windowStart") DO UPDATE SET count = rate_limit_counters.count + 1
  RETURNING count`;

export class PostgresStore implements CounterStore {
  private lastSweep = 0;
  async increment(key: string, windowStartMs: number, windowMs: number) {
    const rows = await sql<{ count: number }>(INCREMENT_SQL, [key, new Date(windowStartMs), new Date(windowStartMs + windowMs)]);
    // Old windows are garbage; sweep them now and then rather than on every hit.
    if (Date.now() - this.lastSweep > 60_000) {
      this.lastSweep = Date.now();
      void db.$executeRaw`DELETE FROM rate_limit_counters WHERE "expiresAt" < now() - interval '1 minute'`.catch(() => {});
    }
    return Number(rows[0].count);
  }
}

export class RedisStore implements CounterStore {
  constructor(private redis: import("ioredis").Redis) {}
  async increment(key: string, windowStartMs: number, windowMs: number) {
    const k = `jopay:rl:${key}:${windowStartMs}`;
    const [[, count]] = (await this.redis.multi().incr(k).pexpire(k, windowMs + 1000).exec()) as [[unknown, number], unknown];
    return Number(count);
  }
}

let store: CounterStore | undefined;

/** The process-wide store chosen by configuration. */
export async function counterStore(): Promise<CounterStore> {
  if (store) return store;
  const url = config().REDIS_URL;
  if (url) {
    const { Redis } = await import("ioredis");
    store = new RedisStore(new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true }));
  } else {
    store = new PostgresStore();
  }
  return store;
}

export const DEFAULT_LIMIT_PER_MINUTE = 60;
export const MERCHANT_CREATE_LIMIT_PER_MINUTE = 30;
