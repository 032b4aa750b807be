// Amount capacity (SPEC §6, issue 14): a SaaS biller's monthly run — 10,000 open requests of one
// price to one merchant wallet — gets 10,000 distinct amounts under one cent apart, each payable by
// its exact amount on a real chain; the 10,001st is refused with Retry-After, never a collision.
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import pg from "pg";
import { sql } from "@/lib/db/sql";
import { MAX_AMOUNT_TAG } from "@/lib/payments/amount-tag";
import { checkProofs } from "@/lib/payments/check-proofs";
import { watchTransfers } from "@/lib/payments/watch-transfers";
import { uuidv7 } from "@/lib/ids";
import { createRequest, INSERT_TAGGED_SQL, type InsertValues } from "@/lib/requests/create-request";
import { toPaymentRequest } from "@/lib/requests/request-row";
import { call } from "@/test/support/call-route";
import { makePaymentSetup } from "../support/request-fixtures";
import { startLiveTestChain, type TestChain } from "./support/chain";

let chain: TestChain;

beforeAll(async () => {
  chain = await startLiveTestChain();
});
afterAll(async () => {
  await chain?.stop();
});

const TAGS = MAX_AMOUNT_TAG + 1;

describe("amount capacity", () => {
  it("10,000 open requests of one price to one wallet: all distinct, each payable; the 10,001st is a 503 with Retry-After", async () => {
    const s = await makePaymentSetup();
    const ctx = { partner: s.partner, testMode: false, createdVia: "api" as const };
    const fields = { merchant_id: s.merchant.id, fiat_amount_int: 1999 }; // €19.99 → 21,989,000 micro at the static rate
    const base = 21_989_000n;

    // 16 creators at once, as a billing cron with a worker pool would.
    const created: { id: string; usdcMicro: bigint; amountTag: number }[] = [];
    let started = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (started < TAGS) {
          started++;
          const { request } = await createRequest(ctx, fields);
          created.push({ id: request.id, usdcMicro: request.usdcMicro, amountTag: request.amountTag });
        }
      }),
    );
    expect(created).toHaveLength(TAGS);
    // Every tag used exactly once: the amounts are exactly base … base + 9,999.
    const amounts = created.map((r) => r.usdcMicro).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(amounts[0]).toBe(base);
    expect(amounts.at(-1)).toBe(base + BigInt(MAX_AMOUNT_TAG));
    expect(new Set(amounts).size).toBe(TAGS);
    for (const r of created) expect(r.usdcMicro - base).toBe(BigInt(r.amountTag));

    // The 10,001st, through the partner API: a clear refusal that says when to retry, nothing written.
    const refused = await call("POST", "/api/v1/requests/create", { key: s.liveKey, body: fields });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ ok: false, error: "amount_capacity_exhausted" });
    const retryAfter = Number(refused.headers.get("retry-after"));
    const expiryS = s.partner.defaultPosExpiryMinutes * 60;
    expect(retryAfter).toBeGreaterThan(expiryS - 600); // the soonest of them expires then
    expect(retryAfter).toBeLessThanOrEqual(expiryS);
    expect(await db.paymentRequest.count({ where: { merchantId: s.merchant.id } })).toBe(TAGS);

    // Another price at the same wallet is unaffected; a voided request frees exactly its amount.
    expect((await call("POST", "/api/v1/requests/create", { key: s.liveKey, body: { ...fields, fiat_amount_int: 2999 } })).status).toBe(201);
    const freed = created[randomInt(TAGS)];
    expect((await call("POST", `/api/v1/requests/${freed.id}/cancel`, { key: s.liveKey })).status).toBe(200);
    const again = await call("POST", "/api/v1/requests/create", { key: s.liveKey, body: fields });
    expect(again.status).toBe(201);
    expect(again.body.amount.usdc_micro).toBe(freed.usdcMicro.toString());

    // Payable: exact payments to a sample (the untagged one, the top tag, random others) are found by
    // the watcher among 10,000 open requests, each attached to its own request, and verify.
    const byTag = new Map(created.map((r) => [r.amountTag, r]));
    const sample = [...new Set([0, MAX_AMOUNT_TAG, ...Array.from({ length: 8 }, () => randomInt(TAGS))])]
      .map((tag) => byTag.get(tag)!)
      .filter((r) => r.id !== freed.id);
    const cursor = 1_000_000_000 + randomInt(1_000_000_000);
    const watch = () => watchTransfers({ workerId: "test", chains: [chain.settings], partnerId: s.partner.id, cursorId: () => cursor, maxBlockRange: 50 });
    await watch(); // cursor at head
    const paid = new Map<string, string>();
    for (const r of sample) paid.set(r.id, await chain.transfer(s.merchant.walletAddress!, r.usdcMicro));
    let attached = 0;
    for (;;) {
      const pass = await watch();
      attached += pass.attached;
      if (pass.blocksScanned === 0) break;
    }
    expect(attached).toBe(sample.length);
    await checkProofs({ workerId: "test", chains: [chain.settings], partnerId: s.partner.id });
    for (const [id, hash] of paid) {
      expect(await db.paymentRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ proofStatus: "verified", txHash: hash });
    }
    // No other request of the run was touched.
    expect(await db.paymentRequest.count({ where: { merchantId: s.merchant.id, proofStatus: { not: "none" } } })).toBe(sample.length);
  }, 240_000);

  it("50 concurrent creates of one price through the API get 50 distinct amounts", async () => {
    const s = await makePaymentSetup();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => call("POST", "/api/v1/requests/create", { key: s.liveKey, body: { merchant_id: s.merchant.id, fiat_amount_int: 500 } })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const amounts = results.map((r) => BigInt(r.body.amount.usdc_micro));
    expect(new Set(amounts).size).toBe(50);
    expect(amounts).toContain(5_500_000n);
    for (const a of amounts) expect(a >= 5_500_000n && a <= 5_500_000n + BigInt(MAX_AMOUNT_TAG)).toBe(true);
  });

  // The two interleavings insert_tagged_request must survive, forced on real connections.
  async function setupAtTag0() {
    const s = await makePaymentSetup();
    const ctx = { partner: s.partner, testMode: false, createdVia: "api" as const };
    const first = (await createRequest(ctx, { merchant_id: s.merchant.id, fiat_amount_int: 700 })).request; // tag 0
    const values = (): InsertValues => ({
      id: uuidv7(), partnerId: first.partnerId, merchantId: first.merchantId, testMode: false, paymentMode: "pos", fiatAmountInt: 700,
      fiatCode: "EUR", usdcMicro: first.usdcMicro.toString(), fxRate: "1.1", fxSource: "static", fxRateAt: new Date(), memo: null,
      customerName: null, customerEmail: null, customerPhone: null, metadata: {}, idempotencyKey: uuidv7(), receivingWallet: first.receivingWallet,
      chainId: first.chainId, usdcContract: first.usdcContract, expiresAt: first.expiresAt, createdVia: "api", createdAt: new Date(), updatedAt: new Date(),
    });
    const connect = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      return c;
    };
    const tagsOf = async () =>
      (await db.paymentRequest.findMany({ where: { merchantId: s.merchant.id }, select: { amountTag: true }, orderBy: { amountTag: "asc" } })).map((r) => r.amountTag);
    return { values, connect, tagsOf };
  }

  it("an amount another create is inserting right now is skipped, not waited for", async () => {
    const { values, connect, tagsOf } = await setupAtTag0();
    const other = await connect();
    try {
      await other.query("BEGIN");
      const [held] = (await other.query(INSERT_TAGGED_SQL, [JSON.stringify(values()), [1]])).rows;
      expect(held.amountTag).toBe(1); // inserted, amount locked, not committed
      // Ours, while the other is still open: tag 1 looks free (uncommitted) but is locked → tag 2.
      const [mine] = await sql<{ amountTag: number }>(INSERT_TAGGED_SQL, [JSON.stringify(values()), [1, 2]]);
      expect(mine.amountTag).toBe(2);
      await other.query("COMMIT");
    } finally {
      await other.end();
    }
    expect(await tagsOf()).toEqual([0, 1, 2]);
  });

  it("an amount taken and committed between the probe and the lock is seen by the insert: the next tag is used", async () => {
    const { values, connect, tagsOf } = await setupAtTag0();
    const GATE = 7_300_000 + randomInt(1_000_000);
    const schema = `race_hook_${randomInt(1e9)}`;
    // Our connection's pg_try_advisory_xact_lock first waits at a gate the other create holds, so
    // our probe runs before the other commits and our lock after: the window the insert's own
    // check closes. (An unqualified function resolves through search_path, ahead of pg_catalog.)
    const ours = await connect();
    const other = await connect();
    try {
      await ours.query(`CREATE SCHEMA ${schema}`);
      await ours.query(`CREATE FUNCTION ${schema}.pg_try_advisory_xact_lock(k bigint) RETURNS boolean LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_catalog.pg_advisory_xact_lock(${GATE}); RETURN pg_catalog.pg_try_advisory_xact_lock(k); END $$`);
      await ours.query(`SET search_path = ${schema}, public, pg_catalog`);

      await other.query("BEGIN");
      await other.query("SELECT pg_advisory_xact_lock($1)", [GATE]);
      const [taken] = (await other.query(INSERT_TAGGED_SQL, [JSON.stringify(values()), [1]])).rows;
      expect(taken.amountTag).toBe(1);

      const pending = ours.query(INSERT_TAGGED_SQL, [JSON.stringify(values()), [1, 2]]);
      // Ours has probed tag 1 (free: uncommitted) and waits at the gate.
      for (let i = 0; ; i++) {
        const [{ n }] = await sql<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1", [GATE]);
        if (n === 1) break;
        if (i > 200) throw new Error("our insert never reached the gate");
        await new Promise((r) => setTimeout(r, 25));
      }
      await other.query("COMMIT"); // tag 1 is now an open request; the gate and its amount lock are free
      const [mine] = (await pending).rows;
      expect(mine.amountTag).toBe(2);
    } finally {
      await ours.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
      await Promise.all([ours.end(), other.end()]);
    }
    expect(await tagsOf()).toEqual([0, 1, 2]);
  });

  it("the insert writes every column it is given, and an amount no open request holds is free again", async () => {
    const { values, tagsOf } = await setupAtTag0();
    const v = { ...values(), memo: "m", customerName: "c", customerEmail: "e@x.example", customerPhone: "1", metadata: { a: "b" }, paymentMode: "invoice", createdVia: "admin" };
    const [row] = await sql<Record<string, unknown>>(INSERT_TAGGED_SQL, [JSON.stringify(v), [0, 5]]);
    const got = toPaymentRequest(row);
    for (const [k, want] of Object.entries(v)) {
      const have = (got as unknown as Record<string, unknown>)[k];
      const norm = (x: unknown) => (x instanceof Date ? x.toISOString() : typeof x === "bigint" ? x.toString() : x && typeof x === "object" && "toFixed" in x ? String(x) : x);
      if (k === "usdcMicro") expect(have).toBe(BigInt(v.usdcMicro) + 5n);
      else expect(norm(have), k).toEqual(norm(want));
    }
    expect(got.amountTag).toBe(5);
    // Voided, expired or paid requests hold no amount.
    await db.paymentRequest.updateMany({ where: { id: got.id }, data: { status: "voided" } });
    const [again] = await sql<{ amountTag: number }>(INSERT_TAGGED_SQL, [JSON.stringify(values()), [5]]);
    expect(again.amountTag).toBe(5);
    expect(await tagsOf()).toEqual([0, 5, 5]);
  });
});
