// Sliding-window rate limits (SPEC §4: 60/min default, POST /api/v1/merchants 30/min, per-partner
// overrides; per-IP limits for public and failed-auth traffic). A key's window of W ms is kept as
// counters of W/60 ms each ("slots"): the current slot and the 60 before it. A hit is admitted when
// they add up to less than the limit. The oldest slot counts whole although part of it is already
// more than W ago, so no span of W ever admits more than the limit — at any admitted hit, every
// hit admitted in the W before it was counted — and a client pacing itself exactly at the limit
// loses at most one hit in 61 to that rounding. The usual shortcuts fail the first property: a
// two-bucket weighted window assumes the last window's hits were spread evenly, and GCRA (a token
// bucket) lets a full burst follow a full refill; with a burst just before a minute boundary
// and steady traffic after it, both admit nearly twice the limit within 60 s
// (test/api/rate-limits.test.ts drives that pattern).
//
// Only admitted hits count: a client that keeps retrying while refused gets in as soon as the
// window has room, and Retry-After says exactly when that is.
//
// Check-and-count is one atomic step in the shared store, so limits hold under concurrency and
// across web instances: a Lua script in Redis when REDIS_URL is set, else one INSERT … ON CONFLICT
// on one row per key in PostgreSQL (the row lock orders concurrent hits; a sum over several rows
// could not). Redis is optional in fact: a Redis call that fails or takes over 250 ms is counted
// in PostgreSQL instead (FailoverStore), with a warning at most once a minute and /api/health
// saying "degraded" — so a Redis outage costs exactness at the switch (a key's hits are split
// between two stores for one window: at worst twice the limit in that minute), never the API.
// The step exists three times — Lua,
// SQL and `advance` below, which the memory store runs for unit tests — and
// test/api/rate-limits.test.ts checks that all three agree.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { config } from "@/lib/config";
import { sql } from "@/lib/db/sql";
import { withinBudget } from "@/lib/deadline";
import { ApiError } from "@/lib/errors";
import { recordRateLimitRejection } from "@/lib/metrics/record";

export const DEFAULT_LIMIT_PER_MINUTE = 60;
export const MERCHANT_CREATE_LIMIT_PER_MINUTE = 30;

/** Slots per window; the window's oldest slot counts whole, so at most 1/SLOTS below the limit. */
const SLOTS = 60;

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the oldest counted hit leaves the window (Remaining goes up). */
  resetSeconds: number;
  /** When refused: seconds until a hit would be admitted. */
  retryAfterSeconds: number;
}

/** Where a hit at `now` falls for a window of `windowMs`. */
export interface Slotting {
  /** The current slot: `floor(now / slotMs)`. */
  slot: number;
  /** Slots a window holds: the current one and those before it that overlap the last `windowMs`. */
  size: number;
  slotMs: number;
  /** How long the store must keep the window after this hit: until its newest slot leaves it. */
  ttlMs: number;
}

export function slotting(windowMs: number, now: number): Slotting {
  const slotMs = Math.ceil(windowMs / SLOTS);
  const size = Math.ceil(windowMs / slotMs) + 1;
  const slot = Math.floor(now / slotMs);
  return { slot, size, slotMs, ttlMs: (slot + size) * slotMs - now };
}

/** A key's window: `counts[i]` belongs to slot `slot - counts.length + 1 + i`; the last is the newest. */
export interface SlotWindow {
  slot: number;
  counts: number[];
}

export interface Taken extends SlotWindow {
  admitted: boolean;
}

export interface CounterStore {
  /**
   * Atomically: moves the key's window forward to `at.slot` (never back: a web instance whose
   * clock is behind counts in the newest slot), counts one hit in its newest slot if the window
   * holds fewer than `limit`, and returns the window and whether it counted.
   */
  take(key: string, limit: number, at: Slotting): Promise<Taken>;
}

/** One hit against `key`'s limit per `windowMs`; `now` is injectable for tests. */
export async function hit(
  store: CounterStore,
  key: string,
  limit: number,
  windowMs = 60_000,
  now = Date.now(),
): Promise<RateLimitResult> {
  const at = slotting(windowMs, now);
  const taken = await store.take(key, limit, at);
  return resultOf(taken, limit, at.slotMs, now);
}

function resultOf(w: Taken, limit: number, slotMs: number, now: number): RateLimitResult {
  // counts[i] stops counting when its slot is `size` slots old: at the start of slot w.slot + 1 + i.
  const leavesAt = (i: number) => (w.slot + 1 + i) * slotMs;
  const seconds = (at: number) => Math.max(1, Math.ceil((at - now) / 1000));
  const total = w.counts.reduce((a, b) => a + b, 0);
  const oldest = w.counts.findIndex((n) => n > 0);
  let left = total;
  let room = w.counts.length - 1;
  for (let i = 0; i < w.counts.length; i++) {
    left -= w.counts[i];
    if (left < limit) {
      room = i;
      break;
    }
  }
  return {
    allowed: w.admitted,
    limit,
    remaining: Math.max(0, limit - total),
    resetSeconds: seconds(leavesAt(Math.max(0, oldest))),
    retryAfterSeconds: w.admitted ? 0 : seconds(leavesAt(room)),
  };
}

export function rateLimitHeaders(r: RateLimitResult): Record<string, string> {
  const h: Record<string, string> = {
    "RateLimit-Limit": String(r.limit),
    "RateLimit-Remaining": String(r.remaining),
    "RateLimit-Reset": String(r.resetSeconds),
  };
  if (!r.allowed) h["Retry-After"] = String(r.retryAfterSeconds);
  return h;
}

/** Puts the limit's headers on the answer (`headers` is the response's); refuses with 429 when over. */
export function enforce(r: RateLimitResult, headers: Record<string, string>, bucket: string): void {
  Object.assign(headers, rateLimitHeaders(r));
  if (r.allowed) return;
  recordRateLimitRejection(bucket);
  throw new ApiError("rate_limited");
}

/** The atomic step in TypeScript: the memory store runs it, the Lua and SQL below mirror it. */
export function advance(saved: SlotWindow | undefined, limit: number, at: Slotting): Taken {
  const slot = Math.max(at.slot, saved?.slot ?? at.slot);
  const shift = saved ? slot - saved.slot : at.size;
  const counts = Array.from({ length: at.size }, (_, i) => saved?.counts[i + shift] ?? 0);
  const admitted = counts.reduce((a, b) => a + b, 0) < limit;
  if (admitted) counts[at.size - 1] += 1;
  return { slot, counts, admitted };
}

/** For unit tests (and the console's tests, which inject a fresh one per case). */
export class MemoryStore implements CounterStore {
  private windows = new Map<string, { w: SlotWindow; expires: number }>();
  async take(key: string, limit: number, at: Slotting) {
    const now = Date.now();
    const saved = this.windows.get(key);
    const taken = advance(saved && saved.expires > now ? saved.w : undefined, limit, at);
    this.windows.set(key, { w: taken, expires: now + at.ttlMs });
    if (this.windows.size > 10_000) for (const [k, v] of this.windows) if (v.expires < now) this.windows.delete(k);
    return taken;
  }
}

// Plain SQL (lib/db/sql.ts): every API request runs this. ON CONFLICT DO UPDATE evaluates SET on
// the row it has locked, in its latest version, so concurrent hits on a key run one after the
// other. RETURNING sees only the new row, hence the `admitted` column. Exported for bench:api's
// bare baseline, with takeValues for its parameters.
// $1 key, $2 current slot, $3 limit, $4 window size in slots, $5 expiresAt.
export const TAKE_SQL = `
  INSERT INTO rate_limit_windows AS w (key, slot, counts, admitted, "expiresAt")
  VALUES ($1::text, $2::bigint, array_fill(0, ARRAY[$4::int - 1]) || least($3::int, 1), $3 > 0, $5::timestamptz)
  ON CONFLICT (key) DO UPDATE SET (slot, counts, admitted, "expiresAt") = (
    SELECT greatest(w.slot, $2), CASE WHEN s.total < $3 THEN s.moved[1:$4 - 1] || (s.moved[$4] + 1) ELSE s.moved END, s.total < $3, $5
    FROM (SELECT m.moved, (SELECT sum(x) FROM unnest(m.moved) x) AS total
          FROM (SELECT w.counts[k.shift + 1:$4] || array_fill(0, ARRAY[k.shift]) AS moved
                FROM (SELECT least(greatest($2 - w.slot, 0), $4)::int AS shift) k) m) s)
  RETURNING slot, counts, admitted`;

export const takeValues = (key: string, limit: number, at: Slotting) => [key, at.slot, limit, at.size, new Date(Date.now() + at.ttlMs)];

export class PostgresStore implements CounterStore {
  private lastSweep = 0;
  async take(key: string, limit: number, at: Slotting) {
    const [row] = await sql<{ slot: string; counts: number[]; admitted: boolean }>(TAKE_SQL, takeValues(key, limit, at));
    // Expired windows are garbage; sweep them now and then rather than on every hit. (No index on
    // expiresAt: every hit moves it, and an index would cost each hit an index write.)
    if (Date.now() - this.lastSweep > 60_000) {
      this.lastSweep = Date.now();
      void sql(`DELETE FROM rate_limit_windows WHERE "expiresAt" < now() - interval '1 minute'`).catch(() => {});
    }
    return { slot: Number(row.slot), counts: row.counts, admitted: row.admitted };
  }
}

// The window is one string, "<slot>|<count>,<count>,…"; anything else reads as an empty window.
// KEYS[1] key; ARGV slot, limit, size, ttlMs. Returns {admitted 0/1, slot, counts…}.
const TAKE_LUA = `
local slot, limit, size = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local counts, total = {}, 0
for i = 1, size do counts[i] = 0 end
local from, rest = string.match(redis.call('GET', KEYS[1]) or '', '^(%d+)|([%d,]*)$')
if from then
  from = tonumber(from)
  if from > slot then slot = from end
  local shift, j = slot - from, 0
  for n in string.gmatch(rest, '%d+') do
    j = j + 1
    if j > shift and j - shift <= size then counts[j - shift] = tonumber(n) end
  end
end
for i = 1, size do total = total + counts[i] end
local admitted = 0
if total < limit then
  admitted = 1
  counts[size] = counts[size] + 1
end
redis.call('SET', KEYS[1], string.format('%d', slot) .. '|' .. table.concat(counts, ','), 'PX', ARGV[4])
local out = {admitted, slot}
for i = 1, size do out[i + 2] = counts[i] end
return out`;
const TAKE_LUA_SHA = createHash("sha1").update(TAKE_LUA).digest("hex");

export class RedisStore implements CounterStore {
  constructor(
    private redis: Redis,
    private budgetMs = REDIS_COMMAND_TIMEOUT_MS,
  ) {}
  async take(key: string, limit: number, at: Slotting) {
    const args = [`jopay:rlw:${key}`, at.slot, limit, at.size, Math.max(1, at.ttlMs)] as const;
    const reply = (await withinBudget(
      this.redis.evalsha(TAKE_LUA_SHA, 1, ...args).catch((err: Error) => {
        if (!err.message.startsWith("NOSCRIPT")) throw err;
        return this.redis.eval(TAKE_LUA, 1, ...args);
      }),
      this.budgetMs,
      "Redis",
    )) as number[];
    return { admitted: reply[0] === 1, slot: reply[1], counts: reply.slice(2) };
  }
}

/**
 * Redis first; on any Redis error (down, timed out, evicted script) the same step in PostgreSQL.
 * While Redis keeps failing, each hit still tries it first: its client fails at once while
 * disconnected (no offline queue), so that costs nothing, and counting moves back to Redis as
 * soon as it answers.
 */
export class FailoverStore implements CounterStore {
  /** When Redis last failed (ms), for /api/health; 0 = never. */
  lastFailureAt = 0;
  failures = 0;
  private lastWarnAt = 0;
  constructor(
    private primary: CounterStore,
    private fallback: CounterStore,
    private onFailover: (err: Error, failures: number) => void = () => {},
  ) {}
  async take(key: string, limit: number, at: Slotting) {
    try {
      return await this.primary.take(key, limit, at);
    } catch (err) {
      this.failures++;
      this.lastFailureAt = Date.now();
      if (this.lastFailureAt - this.lastWarnAt > 60_000) {
        this.lastWarnAt = this.lastFailureAt;
        this.onFailover(err instanceof Error ? err : new Error(String(err)), this.failures);
      }
      return this.fallback.take(key, limit, at);
    }
  }
}

/** How long a Redis command may take before the hit is counted in PostgreSQL instead. */
export const REDIS_COMMAND_TIMEOUT_MS = 250;

let store: CounterStore | undefined;
let opening: Promise<CounterStore> | undefined;

/**
 * The process-wide store chosen by configuration. Opened once: the first requests of a fresh
 * instance arrive together, and each opening its own Redis connection would see some of them not
 * ready in time and counted in PostgreSQL — one key's hits split between two stores.
 */
export function counterStore(): Promise<CounterStore> {
  if (store) return Promise.resolve(store);
  opening ??= openStore().then((s) => (store = s));
  return opening;
}

async function openStore(): Promise<CounterStore> {
  const url = config().REDIS_URL;
  if (url) {
    const [{ Redis }, { log }] = await Promise.all([import("ioredis"), import("@/lib/log")]);
    const redis = new Redis(url, {
      // The hit's own budget is RedisStore's (withinBudget); this only frees a command Redis never answers.
      commandTimeout: 10_000,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false, // fail at once while disconnected; it reconnects in the background
      connectTimeout: 1_000,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    redis.on("error", () => {}); // reported through FailoverStore's warning, once a minute
    // Without an offline queue, commands sent before the first connect fail (and would be counted
    // in PostgreSQL): wait for it, a few seconds at most — the deadline decided after the loop has
    // read its sockets once more, since a cold instance is busy and a due timer would win a race
    // against a "ready" already waiting to be read. Every first request waits on this one opening.
    await new Promise<void>((resolve) => {
      const done = () => (clearTimeout(timer), resolve());
      const timer = setTimeout(() => setImmediate(done), 3_000);
      redis.once("ready", done);
    });
    return new FailoverStore(new RedisStore(redis), new PostgresStore(), (err, failures) =>
      log.warn("rate limiter: Redis unavailable, counting in PostgreSQL", { error: err.message, failures }),
    );
  }
  return new PostgresStore();
}

/** For /api/health: "degraded" while Redis failed within the last minute. */
export function rateLimitBackend(): { store: "redis" | "postgres"; status: "ok" | "degraded" } {
  if (store instanceof FailoverStore) return { store: "redis", status: Date.now() - store.lastFailureAt < 60_000 ? "degraded" : "ok" };
  return { store: config().REDIS_URL ? "redis" : "postgres", status: "ok" };
}
