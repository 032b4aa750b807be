// The rate limiter's store is opened once per process, however many requests ask for it at once: a
// fresh instance's first burst must not open one Redis connection per request (some would not be
// ready in time and count in PostgreSQL, splitting one key's hits between two stores); and a busy
// process does not call Redis slow when its reply is already waiting in the socket.
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { counterStore, FailoverStore, hit } from "@/lib/rate-limit/counters";
import { withinBudget } from "@/lib/deadline";

describe("counterStore", () => {
  it("concurrent first callers share one store, and a burst through it is counted exactly", async () => {
    process.env.REDIS_URL = "redis://127.0.0.1:6379";
    resetConfigForTests();
    const stores = await Promise.all(Array.from({ length: 20 }, () => counterStore()));
    expect(new Set(stores).size).toBe(1);
    expect(stores[0]).toBeInstanceOf(FailoverStore);
    const key = `store-test:${Date.now()}:${Math.random()}`;
    const results = await Promise.all(Array.from({ length: 30 }, async () => hit(await counterStore(), key, 10)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect((stores[0] as FailoverStore).failures).toBe(0);
  });
});

describe("withinBudget", () => {
  it("takes a reply that arrived while the process was busy past the budget", async () => {
    const redis = new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 0 });
    try {
      await redis.ping(); // connected
      const answer = withinBudget(redis.ping(), 50);
      // Busy for 4× the budget: the reply lands in the socket, the budget's timer is due too.
      const until = Date.now() + 200;
      while (Date.now() < until) {
        /* a loaded instance */
      }
      await expect(answer).resolves.toBe("PONG");
    } finally {
      redis.disconnect();
    }
  });

  it("still gives up on a reply that does not come", async () => {
    await expect(withinBudget(new Promise(() => {}), 20)).rejects.toThrow(/did not answer within 20 ms/);
  });
});
