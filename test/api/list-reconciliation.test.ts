// Reconciliation walks (issue 18): the request list has one total order (created_at, then id,
// newest first) and a `starting_after` cursor in it, so a walk page by page returns every item
// exactly once — when many requests share a millisecond, and when new requests arrive mid-walk —
// and `proof_verified_since/until` select by when a payment was verified, not when it was asked for.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { call } from "@/test/support/call-route";
import { makeTenant } from "./helpers";

type Tenant = Awaited<ReturnType<typeof makeTenant>>;

async function create(t: Tenant, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await call("POST", "/api/v1/requests/create", { key: t.liveKey, body: { merchant_id: t.merchant.id, fiat_amount_int: 100 + i } });
    expect(res.status, res.text).toBe(201);
    ids.push(res.body.request_id as string);
  }
  return ids;
}

/** Walks the list with `starting_after`, `limit` per page; `between` runs after each page. */
async function walk(t: Tenant, query: string, limit: number, between: () => Promise<void> = async () => {}) {
  const seen: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await call("GET", `/api/v1/requests?limit=${limit}${query}${after ? `&starting_after=${after}` : ""}`, { key: t.liveKey });
    expect(res.status, res.text).toBe(200);
    const ids = (res.body.requests as { request_id: string }[]).map((r) => r.request_id);
    seen.push(...ids);
    if (!res.body.has_more) return seen;
    after = ids[ids.length - 1];
    await between();
  }
  throw new Error("walk did not end");
}

describe("GET /api/v1/requests?starting_after", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await makeTenant();
  });

  it("returns every request exactly once when many share one created_at", async () => {
    const ids = await create(t, 7);
    // Five of the seven in the same millisecond: a created_at-only cursor (until = last created_at)
    // would skip the ones left at a page boundary.
    const same = new Date("2026-01-05T10:00:00.000Z");
    await db.paymentRequest.updateMany({ where: { id: { in: ids.slice(0, 5) } }, data: { createdAt: same } });
    await db.paymentRequest.updateMany({ where: { id: { in: ids.slice(5) } }, data: { createdAt: new Date("2026-01-04T10:00:00.000Z") } });

    const seen = await walk(t, "&until=2026-01-06", 2);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(ids));
    // The order is the documented one: created_at desc, then id desc.
    const expected = [...ids.slice(0, 5)].sort().reverse().concat([...ids.slice(5)].sort().reverse());
    expect(seen).toEqual(expected);
  });

  it("new requests arriving mid-walk neither shift nor repeat what is left", async () => {
    const u = await makeTenant();
    const ids = await create(u, 6);
    let added = 0;
    const seen = await walk(u, "", 2, async () => {
      added += (await create(u, 2)).length;
    });
    expect(added).toBeGreaterThan(0);
    expect(seen).toHaveLength(6);
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  it("a cursor of another partner, of the other mode or missing is the same 404; a malformed one is a 400", async () => {
    const other = await makeTenant();
    const [foreign] = await create(other, 1);
    const testReq = await call("POST", "/api/v1/requests/create", { key: t.testKey, body: { merchant_id: t.testMerchant.id, fiat_amount_int: 100 } });
    const missing = "01900000-0000-7000-8000-000000000000";
    const answers = [];
    for (const id of [foreign, testReq.body.request_id as string, missing]) {
      const res = await call("GET", `/api/v1/requests?starting_after=${id}`, { key: t.liveKey });
      expect(res.status).toBe(404);
      answers.push({ ...res.body, request_id: undefined });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[1]).toEqual(answers[2]);
    const bad = await call("GET", "/api/v1/requests?starting_after=nope", { key: t.liveKey });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(["starting_after"]);
  });
});

describe("GET /api/v1/requests?proof_verified_since&proof_verified_until", () => {
  it("selects by verification time: an invoice created a week earlier but verified inside the window is included", async () => {
    const t = await makeTenant();
    const [weekOld, inWindow, tooLate, unpaid] = await create(t, 4);
    const at = (iso: string) => new Date(iso);
    await db.paymentRequest.update({ where: { id: weekOld }, data: { createdAt: at("2026-02-01T09:00:00Z"), proofStatus: "verified", proofVerifiedAt: at("2026-02-08T03:00:00Z") } });
    await db.paymentRequest.update({ where: { id: inWindow }, data: { createdAt: at("2026-02-07T22:00:00Z"), proofStatus: "verified", proofVerifiedAt: at("2026-02-07T23:59:59.999Z") } });
    await db.paymentRequest.update({ where: { id: tooLate }, data: { createdAt: at("2026-02-07T23:00:00Z"), proofStatus: "verified", proofVerifiedAt: at("2026-02-08T05:00:00Z") } });
    await db.paymentRequest.update({ where: { id: unpaid }, data: { createdAt: at("2026-02-07T21:00:00Z") } });

    const window = "&proof_verified_since=2026-02-07T05:00:00Z&proof_verified_until=2026-02-08T05:00:00Z";
    const seen = await walk(t, window, 1);
    expect(seen).toEqual([inWindow, weekOld]);
    // The seeds' created_at window alone would have missed the week-old invoice.
    const byCreation = await walk(t, "&proof_status=verified&since=2026-02-07T05:00:00Z&until=2026-02-08T05:00:00Z", 10);
    expect(byCreation).not.toContain(weekOld);
  });

  it("refuses a verification time that is not a date", async () => {
    const t = await makeTenant();
    const res = await call("GET", "/api/v1/requests?proof_verified_since=yesterday", { key: t.liveKey });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(["proof_verified_since"]);
  });
});
