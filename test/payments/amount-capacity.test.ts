// Amount capacity (SPEC §6, issue 14): a SaaS biller's monthly run — 10,000 open requests of one
// price to one merchant wallet — gets 10,000 distinct amounts under one cent apart, each payable by
// its exact amount on a real chain; the 10,001st is refused with Retry-After, never a collision.
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sql, sqlTransaction } from "@/lib/db/sql";
import { MAX_AMOUNT_TAG, withFreeAmountTag } from "@/lib/payments/amount-tag";
import { checkProofs } from "@/lib/payments/check-proofs";
import { watchTransfers } from "@/lib/payments/watch-transfers";
import { uuidv7 } from "@/lib/ids";
import { createRequest, INSERT_REQUEST_SQL, insertParams, type InsertValues } from "@/lib/requests/create-request";
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

  it("an amount taken between the pick and the insert is not reused: the create picks again", async () => {
    const s = await makePaymentSetup();
    const ctx = { partner: s.partner, testMode: false, createdVia: "api" as const };
    const first = (await createRequest(ctx, { merchant_id: s.merchant.id, fiat_amount_int: 700 })).request;
    const wallet = first.receivingWallet;
    const base = first.usdcMicro; // tag 0
    const values = (): InsertValues => ({
      id: uuidv7(), partnerId: first.partnerId, merchantId: first.merchantId, testMode: false, paymentMode: "pos", fiatAmountInt: 700,
      fiatCode: "EUR", usdcMicro: base.toString(), fxRate: "1.1", fxSource: "static", fxRateAt: new Date(), memo: null,
      customerName: null, customerEmail: null, customerPhone: null, metadata: "{}", idempotencyKey: uuidv7(), receivingWallet: wallet,
      chainId: first.chainId, usdcContract: first.usdcContract, expiresAt: first.expiresAt, createdVia: "api", createdAt: new Date(), updatedAt: new Date(),
    });
    const tried: number[] = [];
    const mine = await sqlTransaction((tx) =>
      withFreeAmountTag(tx, { chainId: first.chainId, wallet, base }, async (tag) => {
        tried.push(tag);
        // The first time, another create takes this very amount and commits (on its own connection)
        // after our pick read it as free: our insert must see it and insert nothing.
        if (tried.length === 1) await sql(INSERT_REQUEST_SQL, insertParams(values(), tag));
        const [row] = await tx<{ id: string; usdcMicro: string }>(INSERT_REQUEST_SQL, insertParams(values(), tag));
        return row ?? null;
      }),
    );
    expect(tried).toHaveLength(2);
    expect(tried[1]).not.toBe(tried[0]);
    expect(BigInt(mine!.usdcMicro)).toBe(base + BigInt(tried[1]));
    const amounts = await db.paymentRequest.findMany({ where: { merchantId: s.merchant.id }, select: { usdcMicro: true } });
    expect(amounts).toHaveLength(3);
    expect(new Set(amounts.map((a) => a.usdcMicro)).size).toBe(3);

    // An insert that refuses a tag the pick still sees as free would retry for ever: it is an error.
    await expect(
      sqlTransaction((tx) => withFreeAmountTag(tx, { chainId: first.chainId, wallet, base }, async () => null)),
    ).rejects.toThrow(/picked again/);
  });
});
