import { beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { attachProof } from "@/lib/payments/attach-proof";
import { settleProof } from "@/lib/payments/settle-proof";
import { call } from "@/test/support/call-route";
import { makeOnboardedMerchant } from "@/test/support/fixtures";
import { makeTenant } from "./helpers";

let t: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  t = await makeTenant();
});

const create = async (body: Record<string, unknown> = {}, key = t.liveKey, merchantId = t.merchant.id) => {
  const res = await call("POST", "/api/v1/requests/create", { key, body: { merchant_id: merchantId, fiat_amount_int: 500, ...body } });
  expect(res.status, res.text).toBe(201);
  return res.body;
};

describe("GET /api/v1/requests/:id", () => {
  it("returns the same shape as create", async () => {
    const created = await create({ metadata: { order_id: "A" } });
    const got = await call("GET", `/api/v1/requests/${created.request_id}`, { key: t.liveKey });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created);
  });

  it("shows the latest proof once one is attached", async () => {
    const created = await create();
    const hash = `0x${"ab".repeat(32)}`;
    await db.proof.create({
      data: { requestId: created.request_id, chainId: created.chain.chain_id, txHash: hash, activeTxHash: hash, source: "partner_api", expectedMicro: BigInt(created.amount.usdc_micro) },
    });
    await db.paymentRequest.update({ where: { id: created.request_id }, data: { proofStatus: "attached", txHash: hash } });
    const got = await call("GET", `/api/v1/requests/${created.request_id}`, { key: t.liveKey });
    expect(got.body).toMatchObject({ proof_status: "attached", tx_hash: hash, proof: { tx_hash: hash, status: "pending" } });
  });

  it("after a rejection shows the rejected proof (proof_status none, tx_hash null), as GET and in the list", async () => {
    const p = await makeTenant();
    const created = await create({}, p.liveKey, p.merchant.id);
    const expected = BigInt(created.amount.usdc_micro);
    const hash = `0x${randomBytes(32).toString("hex")}`;
    const { proof } = await attachProof({ requestId: created.request_id, txHash: hash, source: "partner_api", scope: null });
    const settled = await db.$transaction((tx) =>
      settleProof(tx, proof, { kind: "rejected", reason: "underpaid", receivedMicro: expected - 1n, block: null }, null),
    );
    expect(settled?.request).toMatchObject({ proofStatus: "none", txHash: null });

    const rejected = {
      tx_hash: hash,
      status: "rejected",
      rejection_reason: "underpaid",
      expected_usdc_micro: expected.toString(),
      received_usdc_micro: (expected - 1n).toString(),
      finalized_at: null,
    };
    const got = await call("GET", `/api/v1/requests/${created.request_id}`, { key: p.liveKey });
    expect(got.status, got.text).toBe(200);
    expect(got.body).toMatchObject({ proof_status: "none", tx_hash: null, proof: rejected });
    const list = await call("GET", "/api/v1/requests", { key: p.liveKey });
    expect(list.status, list.text).toBe(200);
    const { ok, ...inList } = got.body;
    expect(ok).toBe(true);
    expect(list.body.requests).toEqual([inList]);
    // The same proof the partner's payment.proof_rejected webhook carried.
    const event = await db.event.findFirstOrThrow({ where: { requestId: created.request_id, type: "payment.proof_rejected" } });
    expect((event.payload as { data: { proof: unknown } }).data.proof).toEqual(got.body.proof);
  });

  it("a request that never had a proof shows proof: null", async () => {
    const created = await create();
    const got = await call("GET", `/api/v1/requests/${created.request_id}`, { key: t.liveKey });
    expect(got.body).toMatchObject({ proof_status: "none", proof: null });
  });

  it("a malformed id is the same 404 as a missing one", async () => {
    const a = await call("GET", "/api/v1/requests/not-a-uuid", { key: t.liveKey });
    const b = await call("GET", "/api/v1/requests/00000000-0000-7000-8000-000000000000", { key: t.liveKey });
    expect(a.status).toBe(404);
    expect(a.text).toBe(b.text);
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
  });
});

describe("POST /api/v1/requests/:id/cancel (seeds: only requested + none)", () => {
  it("voids a requested request and emits request.voided in the same transaction", async () => {
    const created = await create();
    const res = await call("POST", `/api/v1/requests/${created.request_id}/cancel`, { key: t.liveKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, request_id: created.request_id, status: "voided" });
    const events = await db.event.findMany({ where: { requestId: created.request_id } });
    expect(events.map((e) => e.type)).toEqual(["request.voided"]);
    expect((events[0].payload as { data: { status: string } }).data.status).toBe("voided");
  });

  it.each([
    ["opened", "none"],
    ["requested", "attached"],
    ["requested", "verified"],
    ["expired", "none"],
    ["voided", "none"],
  ] as const)("409 cannot_cancel with the current request when status=%s proof_status=%s", async (status, proofStatus) => {
    const created = await create();
    await db.paymentRequest.update({ where: { id: created.request_id }, data: { status, proofStatus } });
    const res = await call("POST", `/api/v1/requests/${created.request_id}/cancel`, { key: t.liveKey });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ ok: false, error: "cannot_cancel", request: { request_id: created.request_id, status, proof_status: proofStatus } });
    expect(await db.event.count({ where: { requestId: created.request_id } })).toBe(0);
  });

  it("concurrent cancels: one succeeds, the rest 409, one event", async () => {
    const created = await create();
    const results = await Promise.all(Array.from({ length: 5 }, () => call("POST", `/api/v1/requests/${created.request_id}/cancel`, { key: t.liveKey })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(await db.event.count({ where: { requestId: created.request_id } })).toBe(1);
  });
});

describe("GET /api/v1/requests", () => {
  it("filters by status, proof_status, merchant_id, since (inclusive), until (exclusive); paginates", async () => {
    const p = await makeTenant();
    const m2 = await makeOnboardedMerchant(p.partner.id);
    const base = Date.UTC(2030, 0, 1);
    const rows = [];
    for (let i = 0; i < 5; i++) {
      const r = await create({}, p.liveKey, i < 3 ? p.merchant.id : m2.id);
      await db.paymentRequest.update({ where: { id: r.request_id }, data: { createdAt: new Date(base + i * 60_000) } });
      rows.push(r.request_id as string);
    }
    await db.paymentRequest.update({ where: { id: rows[1] }, data: { status: "opened" } });
    await db.paymentRequest.update({ where: { id: rows[2] }, data: { proofStatus: "attached" } });
    const ids = async (q: string) => {
      const res = await call("GET", `/api/v1/requests${q}`, { key: p.liveKey });
      expect(res.status, res.text).toBe(200);
      return res.body.requests.map((r: { request_id: string }) => r.request_id);
    };
    expect(await ids("")).toEqual([...rows].reverse());
    expect(await ids("?status=opened")).toEqual([rows[1]]);
    expect(await ids("?proof_status=attached")).toEqual([rows[2]]);
    expect(await ids(`?merchant_id=${m2.id}`)).toEqual([rows[4], rows[3]]);
    const at = (i: number) => encodeURIComponent(new Date(base + i * 60_000).toISOString());
    expect(await ids(`?since=${at(1)}`)).toEqual([rows[4], rows[3], rows[2], rows[1]]);
    expect(await ids(`?until=${at(1)}`)).toEqual([rows[0]]);
    expect(await ids(`?since=${at(1)}&until=${at(3)}`)).toEqual([rows[2], rows[1]]);
    expect(await ids("?since=2030-01-01")).toHaveLength(5);

    const page = await call("GET", "/api/v1/requests?limit=2&offset=2", { key: p.liveKey });
    expect(page.body).toMatchObject({ has_more: true, limit: 2, offset: 2 });
    expect(page.body.requests.map((r: { request_id: string }) => r.request_id)).toEqual([rows[2], rows[1]]);
    const last = await call("GET", "/api/v1/requests?limit=2&offset=4", { key: p.liveKey });
    expect(last.body.has_more).toBe(false);
    expect(last.body.requests).toHaveLength(1);
    const exact = await call("GET", "/api/v1/requests?limit=5", { key: p.liveKey });
    expect(exact.body.has_more).toBe(false);
    expect((await call("GET", "/api/v1/requests", { key: p.testKey })).body.requests).toEqual([]);
  });

  it("a merchant_id of another partner or mode is the same 404 as a missing one", async () => {
    const other = await makeTenant();
    const missing = await call("GET", "/api/v1/requests?merchant_id=00000000-0000-7000-8000-000000000000", { key: t.liveKey });
    const foreign = await call("GET", `/api/v1/requests?merchant_id=${other.merchant.id}`, { key: t.liveKey });
    const otherMode = await call("GET", `/api/v1/requests?merchant_id=${t.testMerchant.id}`, { key: t.liveKey });
    expect(missing.status).toBe(404);
    expect(foreign.text).toBe(missing.text);
    expect(otherMode.text).toBe(missing.text);
  });

  it.each([["status=paid"], ["proof_status=rejected"], ["merchant_id=abc"], ["since=yesterday"], ["until=2026-13-01"], ["limit=101"], ["limit=0"], ["offset=-1"]])(
    "rejects %s naming the field",
    async (q) => {
      const res = await call("GET", `/api/v1/requests?${q}`, { key: t.liveKey });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([q.split("=")[0]]);
    },
  );
});
