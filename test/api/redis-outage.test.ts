// Redis is optional in fact (issue 23): with REDIS_URL set, a Redis server of this test's own is
// killed while a partner keeps creating requests through the real route handler — every create
// still answers 201 (counted in PostgreSQL meanwhile), /api/health says "degraded" but stays 200,
// and once Redis is back the counting returns to it.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { resetConfigForTests } from "@/lib/config";
import { call } from "@/test/support/call-route";
import { makeOnboardedMerchant, makePartner } from "@/test/support/fixtures";

let port = 0;
let server: ChildProcess | undefined;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

async function startRedis() {
  server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const probe = new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on("error", () => {});
  for (let i = 0; i < 100; i++) {
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error("redis-server did not start");
}

async function stopRedis() {
  const s = server;
  server = undefined;
  if (!s || s.exitCode !== null) return;
  await new Promise((r) => {
    s.once("exit", r);
    s.kill("SIGKILL");
  });
}

async function redisKeys(): Promise<string[]> {
  const r = new Redis(port, "127.0.0.1", { maxRetriesPerRequest: 0 });
  r.on("error", () => {});
  try {
    return await r.keys("jopay:rlw:*");
  } finally {
    r.disconnect();
  }
}

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  resetConfigForTests();
});
afterAll(async () => {
  await stopRedis();
});

describe("Redis going away", () => {
  it("creates keep succeeding, counted in PostgreSQL meanwhile; health says degraded; Redis counts again when back", async () => {
    const p = await makePartner();
    const merchant = await makeOnboardedMerchant(p.partner.id);
    const create = () => call("POST", "/api/v1/requests/create", { key: p.liveKey, body: { merchant_id: merchant.id, fiat_amount_int: 1200 } });
    const liveKey = await db.apiKey.findFirstOrThrow({ where: { partnerId: p.partner.id, mode: "live" } });
    // This key's window in PostgreSQL (other files' windows come and go meanwhile).
    const pgWindows = async () => (await sql<{ n: string }>(`SELECT count(*) AS n FROM rate_limit_windows WHERE key LIKE $1`, [`key:${liveKey.id}:%`]))[0].n;

    expect((await create()).status).toBe(201);
    expect(await redisKeys()).not.toHaveLength(0); // counted in Redis
    expect((await call("GET", "/api/health")).body).toMatchObject({ ok: true, redis: "up" });
    const windowsBefore = await pgWindows();

    await stopRedis();
    const during = await Promise.all(Array.from({ length: 10 }, create));
    expect(during.map((r) => r.status)).toEqual(Array(10).fill(201));
    for (const r of during) expect(r.headers.get("ratelimit-limit")).toBe("60");
    expect(Number(windowsBefore)).toBe(0); // counted in Redis until then
    expect(Number(await pgWindows())).toBe(1); // counted in PostgreSQL meanwhile
    const health = await call("GET", "/api/health");
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ ok: true, database: "up", redis: "degraded" });

    await startRedis(); // empty: it kept nothing
    let back = false;
    for (let i = 0; i < 100 && !back; i++) {
      expect((await create()).status).toBe(201);
      back = (await redisKeys()).length > 0;
      if (!back) await new Promise((r) => setTimeout(r, 100));
    }
    expect(back).toBe(true);
  });
});
