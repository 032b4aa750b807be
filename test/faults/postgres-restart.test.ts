// PostgreSQL going away under load (issue 23), on a throwaway cluster this test starts and
// restarts: partners keep creating requests through the real route handler with idempotency keys,
// retrying what is not acknowledged. While the database restarts (fast, then immediate) and while
// it is stopped for three seconds, every answer is a 201, an idempotent replay, or a 503 with
// Retry-After — never a 500 — and afterwards every key exists exactly once, with the id its
// acknowledgement named. The service answers again within seconds of the database.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { migrate } from "@/lib/db/migrate";
import { createDatabase, startThrowawayCluster, type PostgresServer } from "../setup/postgres";

let cluster: PostgresServer;

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  const url = await createDatabase(cluster.adminUrl, "jopay_faults");
  await migrate(url);
  // This file's app talks to the throwaway cluster only (set before anything opens the pool).
  process.env.DATABASE_URL = url;
  resetConfigForTests();
});
afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb().catch(() => {});
  await cluster?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("PostgreSQL restarts and stops under load", () => {
  it("only 201, replay or 503 + Retry-After meanwhile; 0 lost, 0 duplicated; answering again within seconds", async () => {
    const { call } = await import("@/test/support/call-route");
    const { makeOnboardedMerchant, makePartner } = await import("@/test/support/fixtures");
    const { db } = await import("@/lib/db");
    const control = cluster.control!;
    const p = await makePartner({ rateLimitPerMinute: 100_000 });
    const merchant = await makeOnboardedMerchant(p.partner.id);

    const statuses = new Map<number, number>();
    const unavailableWithoutRetryAfter: number[] = [];
    const acknowledged = new Map<string, string>(); // idempotency key → request id
    let stop = false;
    const client = async () => {
      while (!stop) {
        const key = randomUUID().replaceAll("-", "");
        for (;;) {
          const res = await call("POST", "/api/v1/requests/create", {
            key: p.liveKey,
            body: { merchant_id: merchant.id, fiat_amount_int: 1500, idempotency_key: key },
          }).catch(() => null);
          if (res) statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res && (res.status === 201 || res.status === 200)) {
            acknowledged.set(key, res.body.request_id);
            break;
          }
          if (res?.status === 503 && !res.headers.get("retry-after")) unavailableWithoutRetryAfter.push(503);
          await sleep(100); // a client's retry, shorter than Retry-After to keep the test short
        }
      }
    };
    const clients = Array.from({ length: 6 }, client);

    await sleep(500);
    await control.restart("fast");
    await sleep(700);
    await control.restart("immediate");
    await sleep(700);
    await control.stopServer("fast");
    await sleep(3_000);
    await control.startServer();
    // Recovery: acknowledged creates resume within seconds of the database.
    const countAtStart = acknowledged.size;
    const startedAt = Date.now();
    while (acknowledged.size === countAtStart && Date.now() - startedAt < 15_000) await sleep(50);
    expect(acknowledged.size).toBeGreaterThan(countAtStart);
    stop = true;
    await Promise.all(clients);

    // Only success, replay (a retry whose first attempt committed) or 503 with Retry-After.
    expect([...statuses.keys()].filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0); // the faults were seen
    expect(unavailableWithoutRetryAfter).toEqual([]);

    // 0 lost, 0 duplicated: each acknowledged key is one row, with the acknowledged id.
    const rows = await db.paymentRequest.findMany({ where: { merchantId: merchant.id }, select: { id: true, idempotencyKey: true } });
    expect(rows).toHaveLength(acknowledged.size);
    const byKey = new Map(rows.map((r) => [r.idempotencyKey, r.id]));
    for (const [key, id] of acknowledged) expect(byKey.get(key)).toBe(id);
    // And their amounts stayed distinct (amount tags under restarts).
    const amounts = await db.paymentRequest.findMany({ where: { merchantId: merchant.id }, select: { usdcMicro: true } });
    expect(new Set(amounts.map((a) => a.usdcMicro)).size).toBe(amounts.length);
  }, 90_000);
});
