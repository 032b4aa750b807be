// Statements per create on the success path (issue 16: ≤ 4), counted at the wire by a proxy in
// front of PostgreSQL (test/support/pg-wire-counter.ts), not by our code counting itself: key +
// partner, rate limit, merchant + replay, and the tagged insert (insert_tagged_request).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { disconnectDb } from "@/lib/db";
import { startWireCounter, type WireCounter } from "@/test/support/pg-wire-counter";
import { call } from "@/test/support/call-route";
import { idemKey, makeTenant } from "./helpers";

let counter: WireCounter;
let t: Awaited<ReturnType<typeof makeTenant>>;

beforeAll(async () => {
  // Before anything opens the pool: every connection of this file goes through the counter.
  counter = await startWireCounter(process.env.DATABASE_URL!);
  process.env.DATABASE_URL = counter.url;
  delete process.env.REDIS_URL; // rate limits counted in PostgreSQL: the most statements
  resetConfigForTests();
  t = await makeTenant();
});
afterAll(async () => {
  await disconnectDb(); // before the proxy goes: no connection is cut under the pool
  await counter?.close();
});

const create = (body: Record<string, unknown> = {}) =>
  call("POST", "/api/v1/requests/create", { key: t.liveKey, body: { merchant_id: t.merchant.id, fiat_amount_int: 1999, ...body } });

describe("statements per create", () => {
  it("a new request is four statements, none of them a transaction of its own", async () => {
    await create(); // warm: pool connections opened, FX rate read, key cache (if any) filled
    for (const body of [{}, { idempotency_key: idemKey(), memo: "x", metadata: { a: "b" } }, { payment_mode: "invoice", customer_name: "Ann" }]) {
      counter.reset();
      const res = await create(body);
      expect(res.status, res.text).toBe(201);
      const statements = counter.statements();
      expect(statements, statements.join("\n---\n")).toHaveLength(4);
      expect(statements.some((s) => /^(BEGIN|COMMIT)/i.test(s))).toBe(false);
      expect(statements[3]).toContain("insert_tagged_request");
    }
  });

  it("a replay of an idempotency key is four: no insert, but its latest proof is looked up", async () => {
    const key = idemKey();
    expect((await create({ idempotency_key: key })).status).toBe(201);
    counter.reset();
    const replay = await create({ idempotency_key: key });
    expect(replay.status).toBe(200);
    const statements = counter.statements();
    expect(statements).toHaveLength(4);
    expect(statements.some((s) => s.includes("insert_tagged_request"))).toBe(false);
  });
});
