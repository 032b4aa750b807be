// SPEC §4 rate limits through the real wrapper (PostgreSQL store) and the Redis store against the
// real Redis at 127.0.0.1:6379.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { hit, PostgresStore, RedisStore } from "@/lib/api/rate-limit";
import { call } from "@/test/support/call-route";
import { makeKey, makePartner } from "@/test/support/fixtures";
import { awayFromWindowEdge } from "@/test/support/rate-window";


const redis = new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 1, lazyConnect: true });
afterAll(() => redis.disconnect());

describe("per-key limits through the API", () => {
  it("60 allowed, the 61st refused with Retry-After; a second key is independent", async () => {
    const { partner } = await makePartner();
    const a = await makeKey(partner.id, "live");
    const b = await makeKey(partner.id, "live");
    await awayFromWindowEdge();
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
    const retry = Number(refused.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    const other = await call("GET", "/api/v1/fx/rates?currency=EUR", { key: b });
    expect(other.status).toBe(200);
    expect(other.headers.get("ratelimit-remaining")).toBe("59");
  });

  it("exact under concurrency: 80 simultaneous calls → exactly 60 allowed", async () => {
    const { partner } = await makePartner();
    const key = await makeKey(partner.id, "test");
    await awayFromWindowEdge();
    const results = await Promise.all(Array.from({ length: 80 }, () => call("GET", "/api/v1/fx/rates?currency=USD", { key })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(60);
    expect(results.filter((r) => r.status === 429)).toHaveLength(20);
  });

  it("honours a per-partner override", async () => {
    const { partner } = await makePartner({ rateLimitPerMinute: 5 });
    const key = await makeKey(partner.id, "live");
    await awayFromWindowEdge();
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await call("GET", "/api/v1/fx/rates?currency=EUR", { key })).status);
    expect(results).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe("stores", () => {
  it("PostgreSQL store: 80 concurrent hits → exactly 60 allowed", async () => {
    const store = new PostgresStore();
    const key = `test:${randomUUID()}`;
    const now = Date.now();
    const rs = await Promise.all(Array.from({ length: 80 }, () => hit(store, key, 60, 60_000, now)));
    expect(rs.filter((r) => r.allowed)).toHaveLength(60);
  });

  it("Redis store (real Redis): 80 concurrent hits → exactly 60 allowed; keys and windows independent", async () => {
    await redis.connect();
    const store = new RedisStore(redis);
    const key = `test:${randomUUID()}`;
    const now = Date.now();
    const rs = await Promise.all(Array.from({ length: 80 }, () => hit(store, key, 60, 60_000, now)));
    expect(rs.filter((r) => r.allowed)).toHaveLength(60);
    expect(rs.map((r) => r.remaining).sort((x, y) => x - y)[0]).toBe(0);
    expect((await hit(store, `${key}:other`, 60, 60_000, now)).remaining).toBe(59);
    expect((await hit(store, key, 60, 60_000, now + 60_000)).allowed).toBe(true);
    const ttl = await redis.pttl(`jopay:rl:${key}:${now - (now % 60_000)}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(61_000);
  });
});
