// SPEC §4 rate limits (issue 15: exact sliding windows) through the real wrappers under the default
// configuration, and both shared stores against the real PostgreSQL and the real Redis at
// 127.0.0.1:6379, with the limiter's clock driven by the test.
import { randomBytes, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKey } from "@/lib/api-keys/key-format";
import { hit, MemoryStore, PostgresStore, RedisStore, slotting, type CounterStore } from "@/lib/rate-limit/counters";
import { resetConfigForTests } from "@/lib/config";
import { call } from "@/test/support/call-route";
import { makeKey, makePartner } from "@/test/support/fixtures";

// The defaults, not test/setup/env.ts's: no trusted proxy, 30 failed-auth answers a minute.
delete process.env.TRUSTED_PROXY_HOPS;
delete process.env.API_AUTH_FAILURES_PER_MINUTE;
resetConfigForTests();

const redis = new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 1, lazyConnect: true });
beforeAll(() => redis.connect());
afterAll(() => redis.disconnect());

const stores: [string, () => CounterStore][] = [
  ["PostgreSQL", () => new PostgresStore()],
  ["Redis", () => new RedisStore(redis)],
];

const anyAddress = () => randomBytes(4).join(".");

describe("per-key limits through the API", () => {
  it("60 allowed, the 61st refused with Retry-After; a second key is independent", async () => {
    const { partner } = await makePartner();
    const a = await makeKey(partner.id, "live");
    const b = await makeKey(partner.id, "live");
    const results = [];
    for (let i = 0; i < 61; i++) results.push(await call("GET", "/api/v1/fx/rates?currency=EUR", { key: a }));
    expect(results.slice(0, 60).every((r) => r.status === 200)).toBe(true);
    expect(results[0].headers.get("ratelimit-limit")).toBe("60");
    expect(results[0].headers.get("ratelimit-remaining")).toBe("59");
    expect(results[59].headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(results[0].headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    const refused = results[60];
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ ok: false, error: "rate_limited", message: expect.any(String) });
    // The first hit leaves the window 60 s after its one-second slot began.
    const retry = Number(refused.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(61);
    const other = await call("GET", "/api/v1/fx/rates?currency=EUR", { key: b });
    expect(other.status).toBe(200);
    expect(other.headers.get("ratelimit-remaining")).toBe("59");
  });

  it("exact under concurrency: 80 simultaneous calls → exactly 60 allowed", async () => {
    const { partner } = await makePartner();
    const key = await makeKey(partner.id, "test");
    const results = await Promise.all(Array.from({ length: 80 }, () => call("GET", "/api/v1/fx/rates?currency=USD", { key })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(60);
    expect(results.filter((r) => r.status === 429)).toHaveLength(20);
  });

  it("honours a per-partner override", async () => {
    const { partner } = await makePartner({ rateLimitPerMinute: 5 });
    const key = await makeKey(partner.id, "live");
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await call("GET", "/api/v1/fx/rates?currency=EUR", { key })).status);
    expect(results).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe("per-IP limits under the default TRUSTED_PROXY_HOPS=0", () => {
  const proof = (headers: Record<string, string>) =>
    call("POST", `/api/pay/${randomUUID()}/proof`, { rawBody: "{", headers: { "content-type": "application/json", ...headers } });

  // Each test is its own socket address (what our server stamps; call() stands in for it), so
  // test files running alongside, all 127.0.0.1, do not count against these budgets.
  it("a client rotating X-Forwarded-For (and X-Real-IP) gets no fresh budget, and other clients keep theirs", async () => {
    const peer = anyAddress();
    const statuses = [];
    for (let i = 0; i < 14; i++) statuses.push((await proof({ "x-jopay-peer": peer, "x-forwarded-for": anyAddress(), "x-real-ip": anyAddress() })).status);
    // 10 proofs a minute per address (PAY_PROOF_LIMIT); the body is bad JSON, so admitted ones are 400s.
    expect(statuses).toEqual([...Array(10).fill(400), 429, 429, 429, 429]);
    expect((await proof({ "x-jopay-peer": anyAddress(), "x-forwarded-for": peer })).status).toBe(400);
  });

  it("an IPv6 client picking a new address in its /64 for every call gets no fresh budget; the next /64 has its own", async () => {
    const [a, b] = [randomBytes(2).readUInt16BE(), randomBytes(2).readUInt16BE()];
    const prefix = `2001:db8:${a.toString(16)}:${b.toString(16)}`;
    const nextPrefix = `2001:db8:${a.toString(16)}:${(b ^ 1).toString(16)}`;
    const inPrefix = () => `${prefix}:${[0, 0, 0, 0].map(() => randomBytes(2).toString("hex")).join(":")}`;
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await proof({ "x-jopay-peer": inPrefix() })).status);
    expect(statuses).toEqual([...Array(10).fill(400), 429, 429]);
    // The same /64 spelt as the socket reports it and as a proxy might (zeros, case): still refused.
    expect((await proof({ "x-jopay-peer": `${prefix.toUpperCase()}:0000:0000:0000:0001` })).status).toBe(429);
    expect((await proof({ "x-jopay-peer": `${nextPrefix}::1` })).status).toBe(400);
  });

  it("a missing or bad API key: 30 answers of 401 a minute, then 429 with Retry-After; a valid key still works", async () => {
    const bad = [undefined, "jo_live_short", generateKey("live")];
    const peer = anyAddress();
    const results = [];
    for (let i = 0; i < 33; i++) results.push(await call("GET", "/api/v1/requests", { key: bad[i % 3], headers: { "x-jopay-peer": peer, "x-forwarded-for": anyAddress() } }));
    expect(results.map((r) => r.status)).toEqual([...Array(30).fill(401), 429, 429, 429]);
    expect(results[0].body).toEqual({ ok: false, error: "unauthorized", message: expect.any(String) });
    expect(results[0].headers.get("ratelimit-limit")).toBe("30");
    expect(results[0].headers.get("ratelimit-remaining")).toBe("29");
    expect(results[0].headers.get("retry-after")).toBeNull();
    expect(results[29].headers.get("ratelimit-remaining")).toBe("0");
    for (const refused of results.slice(30)) {
      expect(refused.body).toEqual({ ok: false, error: "rate_limited", message: expect.any(String) });
      expect(refused.headers.get("ratelimit-limit")).toBe("30");
      expect(refused.headers.get("ratelimit-remaining")).toBe("0");
      const retry = Number(refused.headers.get("retry-after"));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(61);
    }
    // The failed-auth bucket never refuses a valid key, even from the address it refuses.
    const { liveKey } = await makePartner();
    const ok = await call("GET", "/api/v1/fx/rates?currency=EUR", { key: liveKey, headers: { "x-jopay-peer": peer } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("ratelimit-limit")).toBe("60");
  });

  it("with TRUSTED_PROXY_HOPS=1 the address the proxy appended counts, not what the client put before it", async () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    resetConfigForTests();
    try {
      const proxy = { "x-jopay-peer": anyAddress() };
      const client = anyAddress();
      const statuses = [];
      for (let i = 0; i < 11; i++) statuses.push((await proof({ ...proxy, "x-forwarded-for": `${anyAddress()}, ${client}` })).status);
      expect(statuses).toEqual([...Array(10).fill(400), 429]);
      expect((await proof({ ...proxy, "x-forwarded-for": `${client}, ${anyAddress()}` })).status).toBe(400);
    } finally {
      delete process.env.TRUSTED_PROXY_HOPS;
      resetConfigForTests();
    }
  });
});

/** Hits `key` at each of `times` (ms, ascending) on the limiter's clock: the admitted and the refused. */
async function admitted(store: CounterStore, key: string, limit: number, times: number[]) {
  const ok: number[] = [];
  const refused: number[] = [];
  for (const t of times) ((await hit(store, key, limit, 60_000, t)).allowed ? ok : refused).push(t);
  return { ok, refused };
}

/** A deterministic stream of numbers in [0, 1). */
function numbers(seed: number) {
  return () => (seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}

/**
 * The price of counting the oldest slot whole: a hit is refused only when the limit was already
 * admitted within the last 61 s (the window plus one one-second slot).
 */
function refusedOnlyWhenFull({ ok, refused }: { ok: number[]; refused: number[] }, limit: number) {
  return refused.every((t) => ok.filter((a) => a >= t - 61_000 && a <= t).length >= limit);
}

/** The most admitted hits within any 60 s span (both ends included). */
function busiestMinute(times: number[]) {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] > 60_000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

const range = (n: number, at: (i: number) => number) => Array.from({ length: n }, (_, i) => at(i));

describe.each(stores)("the sliding window, %s store", (_name, makeStore) => {
  const LIMIT = 60;
  // A minute boundary: where the fixed windows used to start afresh.
  const edge = Math.ceil(Date.now() / 60_000) * 60_000;
  const key = () => `test:${randomUUID()}`;

  it("60 just before a minute boundary and 60 just after: 60 admitted in all", async () => {
    const times = [...range(60, (i) => edge - 1_200 + i * 20), ...range(60, (i) => edge + i * 20)];
    const run = await admitted(makeStore(), key(), LIMIT, times);
    const { ok } = run;
    expect(ok).toHaveLength(60);
    expect(ok).toEqual(times.slice(0, 60));
  });

  it("a burst just before the boundary, then steady traffic: no 60 s span over the limit", async () => {
    // A two-bucket weighted window or GCRA admits nearly 120 in the minute after this burst.
    const times = [...range(60, () => edge - 1), ...range(1_500, (i) => edge + i * 100)];
    const run = await admitted(makeStore(), key(), LIMIT, times);
    const { ok } = run;
    expect(busiestMinute(ok)).toBeLessThanOrEqual(LIMIT); // the issue allows +10%; this admits none over
    // …and the window frees up as it slides: the burst's slot leaves 60 s later, and so on.
    expect(ok.filter((t) => t >= edge && t < edge + 60_000)).toHaveLength(0);
    expect(ok.filter((t) => t >= edge + 60_000 && t < edge + 61_000)).toHaveLength(10);
    expect(ok).toHaveLength(3 * LIMIT);
    expect(refusedOnlyWhenFull(run, LIMIT)).toBe(true);
  });

  it("a client pacing itself at the limit across boundaries loses at most one hit in 61", async () => {
    const times = range(300, (i) => edge - 90_000 + i * 1_000 + 500);
    const run = await admitted(makeStore(), key(), LIMIT, times);
    const { ok } = run;
    expect(busiestMinute(ok)).toBeLessThanOrEqual(LIMIT);
    expect(ok.length).toBeGreaterThanOrEqual(Math.floor((300 * 60) / 61));
    expect(refusedOnlyWhenFull(run, LIMIT)).toBe(true);
  });

  it("uneven bursts on every side of several boundaries: no 60 s span over the limit", async () => {
    const next = numbers(7);
    const times: number[] = [];
    for (let t = edge - 120_000; t < edge + 180_000; t += Math.floor(next() * 4_000)) {
      const burst = next() < 0.1 ? Math.floor(next() * 40) : 1;
      for (let i = 0; i < burst; i++) times.push(t);
    }
    const run = await admitted(makeStore(), key(), LIMIT, times);
    const { ok } = run;
    expect(busiestMinute(ok)).toBeLessThanOrEqual(LIMIT);
    expect(refusedOnlyWhenFull(run, LIMIT)).toBe(true);
  });

  it("80 concurrent hits → exactly 60 admitted, Remaining counting down to 0", async () => {
    const store = makeStore();
    const k = key();
    const now = Date.now();
    const rs = await Promise.all(Array.from({ length: 80 }, () => hit(store, k, 60, 60_000, now)));
    expect(rs.filter((r) => r.allowed)).toHaveLength(60);
    expect(rs.filter((r) => r.allowed).map((r) => r.remaining).sort((x, y) => x - y)).toEqual(range(60, (i) => i));
    expect(rs.filter((r) => !r.allowed).every((r) => r.retryAfterSeconds >= 1 && r.retryAfterSeconds <= 61)).toBe(true);
    expect((await hit(store, `${k}:other`, 60, 60_000, now)).remaining).toBe(59);
    expect((await hit(store, k, 60, 60_000, now + 61_000)).allowed).toBe(true);
  });
});

describe("the three versions of the atomic step", () => {
  it("memory (TypeScript), PostgreSQL (SQL) and Redis (Lua) return the same windows for the same hits", async () => {
    const impls = [new MemoryStore(), new PostgresStore(), new RedisStore(redis)];
    const key = `test:${randomUUID()}`;
    const random = numbers(11);
    const next = (n: number) => Math.floor(random() * n);
    let now = Date.now();
    for (let i = 0; i < 300; i++) {
      // Mostly small steps; now and then a clock behind (another web instance) or a long pause.
      const step = next(10);
      now += step === 0 ? -2_000 : step === 1 ? 70_000 : next(3_000);
      const limit = [1, 3, 5, 60][next(4)];
      const at = slotting(60_000, now);
      const got = await Promise.all(impls.map((s) => s.take(key, limit, at)));
      expect(got[1], `hit ${i}`).toEqual(got[0]);
      expect(got[2], `hit ${i}`).toEqual(got[0]);
    }
  });

  it("Redis keeps a window only until its newest slot leaves it", async () => {
    const key = `test:${randomUUID()}`;
    await hit(new RedisStore(redis), key, 5);
    const ttl = await redis.pttl(`jopay:rlw:${key}`);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(61_000);
  });
});
