// Proof attach through the real route handlers: validation, tenant/mode isolation, the one-live-
// proof-per-hash rule under concurrency, idempotent re-attach, non-payable states, the public
// pay endpoints and test-mode simulate_payment.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { call } from "../support/call-route";
import { eventsFor, insertRequest, makePaymentSetup } from "../support/request-fixtures";
import { awayFromWindowEdge } from "@/test/support/rate-window";

const CHAIN = 31337;
const USDC = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const hash = () => `0x${randomBytes(32).toString("hex")}`;

async function setup(opts: { testMode?: boolean; status?: "requested" | "expired" | "voided"; proofStatus?: "none" | "verified"; expiresAt?: Date } = {}) {
  const s = await makePaymentSetup({ testMode: opts.testMode });
  const request = await insertRequest({
    partnerId: s.partner.id, merchantId: s.merchant.id, testMode: opts.testMode ?? false, usdcMicro: 27_500_000n,
    receivingWallet: s.merchant.walletAddress!, chainId: CHAIN, usdcContract: USDC, status: opts.status,
    proofStatus: opts.proofStatus, expiresAt: opts.expiresAt,
  });
  return { ...s, request, key: opts.testMode ? s.testKey : s.liveKey };
}

const types = async (id: string) => (await eventsFor(id)).map((e) => e.type);

describe("POST /api/v1/requests/:id/proof", () => {
  it("attaches a hash, lower-cased, moves proof_status to attached and emits payment.proof_attached", async () => {
    const { request, key } = await setup();
    const h = hash();
    const res = await call("POST", `/api/v1/requests/${request.id}/proof`, { key, body: { tx_hash: h.toUpperCase().replace("0X", "0x"), chain_id: CHAIN } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, request_id: request.id, proof_status: "attached", tx_hash: h, proof: { tx_hash: h, status: "pending", chain_id: CHAIN, simulated: false } });
    const row = await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(row).toMatchObject({ proofStatus: "attached", txHash: h });
    const events = await eventsFor(request.id);
    expect(events.map((e) => e.type)).toEqual(["payment.proof_attached"]);
    expect(events[0].data).toMatchObject({ request_id: request.id, proof_status: "attached", tx_hash: h, metadata: { order_id: "ORD-1" } });
  });

  it("re-attaching the same hash to the same request is idempotent (200, no second event)", async () => {
    const { request, key } = await setup();
    const h = hash();
    await call("POST", `/api/v1/requests/${request.id}/proof`, { key, body: { tx_hash: h } });
    const again = await call("POST", `/api/v1/requests/${request.id}/proof`, { key, body: { tx_hash: h.toUpperCase().replace("0X", "0x") } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ ok: true, proof_status: "attached", tx_hash: h });
    expect(await db.proof.count({ where: { requestId: request.id } })).toBe(1);
    expect(await types(request.id)).toEqual(["payment.proof_attached"]);
  });

  it.each([
    ["not hex", { tx_hash: `0x${"zz".repeat(32)}` }, "tx_hash"],
    ["too short", { tx_hash: `0x${"ab".repeat(31)}` }, "tx_hash"],
    ["no 0x", { tx_hash: "ab".repeat(32) }, "tx_hash"],
    ["missing", {}, "tx_hash"],
    ["number", { tx_hash: 5 }, "tx_hash"],
    ["bad chain_id type", { tx_hash: `0x${"ab".repeat(32)}`, chain_id: "31337" }, "chain_id"],
  ])("rejects a malformed body (%s) with 400 validation_error", async (_label, body, field) => {
    const { request, key } = await setup();
    const res = await call("POST", `/api/v1/requests/${request.id}/proof`, { key, body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ ok: false, error: "validation_error" });
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await types(request.id)).toEqual([]);
  });

  it("rejects a chain_id other than the request's with 400", async () => {
    const { request, key } = await setup();
    const res = await call("POST", `/api/v1/requests/${request.id}/proof`, { key, body: { tx_hash: hash(), chain_id: 8453 } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "validation_error", details: [{ field: "chain_id" }] });
    expect((await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } })).proofStatus).toBe("none");
  });

  it("returns 404 for another partner's request and for the other mode's key", async () => {
    const { request } = await setup();
    const other = await makePaymentSetup();
    const mine = await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id }, include: { partner: true } });
    const { makeKey } = await import("../support/fixtures");
    const testKeySamePartner = await makeKey(mine.partnerId, "test");
    for (const key of [other.liveKey, testKeySamePartner]) {
      const res = await call("POST", `/api/v1/requests/${request.id}/proof`, { key, body: { tx_hash: hash() } });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ ok: false, error: "not_found", message: "Not found." });
    }
    expect(await types(request.id)).toEqual([]);
  });

  it("requires requests:write", async () => {
    const { request, partner } = await setup();
    const { makeKey } = await import("../support/fixtures");
    const readOnly = await makeKey(partner.id, "live", ["requests:read"]);
    const res = await call("POST", `/api/v1/requests/${request.id}/proof`, { key: readOnly, body: { tx_hash: hash() } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: "insufficient_scope", required_scope: "requests:write" });
  });

  it("a hash that is another request's live proof (another partner, other case) is 409 proof_conflict", async () => {
    const a = await setup();
    const b = await setup();
    const h = hash();
    expect((await call("POST", `/api/v1/requests/${a.request.id}/proof`, { key: a.key, body: { tx_hash: h } })).status).toBe(200);
    const res = await call("POST", `/api/v1/requests/${b.request.id}/proof`, { key: b.key, body: { tx_hash: h.toUpperCase().replace("0X", "0x") } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ ok: false, error: "proof_conflict" });
    expect(JSON.stringify(res.body)).not.toContain(a.request.id);
    expect((await db.paymentRequest.findUniqueOrThrow({ where: { id: b.request.id } })).proofStatus).toBe("none");
    expect(await types(b.request.id)).toEqual([]);
  });

  it("50 concurrent attaches answer 200 or a 409 from the error table, never a 5xx", async () => {
    // 50 requests of one partner, one hash each, all at once.
    const s = await makePaymentSetup();
    const requests = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        insertRequest({ partnerId: s.partner.id, merchantId: s.merchant.id, usdcMicro: 27_500_000n + BigInt(i), receivingWallet: s.merchant.walletAddress!, chainId: CHAIN, usdcContract: USDC }),
      ),
    );
    const spread = await Promise.all(requests.map((r) => call("POST", `/api/v1/requests/${r.id}/proof`, { key: s.liveKey, body: { tx_hash: hash() } })));
    expect(spread.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(await db.proof.count({ where: { requestId: { in: requests.map((r) => r.id) } } })).toBe(50);

    // 50 hashes at one request, all at once: they queue on its row lock; the cap admits 5.
    const one = await setup();
    const crowd = await Promise.all(Array.from({ length: 50 }, () => call("POST", `/api/v1/requests/${one.request.id}/proof`, { key: one.key, body: { tx_hash: hash() } })));
    const statuses = crowd.map((r) => r.status).sort();
    expect(statuses.filter((x) => x === 200)).toHaveLength(5);
    expect(crowd.filter((r) => r.status === 409).every((r) => r.body.error === "too_many_proofs")).toBe(true);
    expect(statuses.filter((x) => x !== 200 && x !== 409)).toEqual([]);
    expect(await db.proof.count({ where: { requestId: one.request.id } })).toBe(5);
    expect(await types(one.request.id)).toEqual(Array(5).fill("payment.proof_attached"));
  });

  it("two concurrent attaches of one hash to two requests: exactly one wins", async () => {
    const reqs = await Promise.all([setup(), setup(), setup(), setup()]);
    const h = hash();
    const results = await Promise.all(
      reqs.map((r, i) => call("POST", `/api/v1/requests/${r.request.id}/proof`, { key: r.key, body: { tx_hash: i % 2 ? h.toUpperCase().replace("0X", "0x") : h } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error === "proof_conflict")).toBe(true);
    expect(await db.proof.count({ where: { chainId: CHAIN, activeTxHash: h } })).toBe(1);
    const attachedEvents = (await Promise.all(reqs.map((r) => types(r.request.id)))).flat();
    expect(attachedEvents).toEqual(["payment.proof_attached"]);
  });

  it("a voided request is 409 request_not_payable with the current request", async () => {
    const { request, key } = await setup({ status: "voided" });
    const res = await call("POST", `/api/v1/requests/${request.id}/proof`, { key, body: { tx_hash: hash() } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ ok: false, error: "request_not_payable", request: { request_id: request.id, status: "voided", proof_status: "none" } });
    expect(await types(request.id)).toEqual([]);
  });

  it("a verified request is 409 request_not_payable", async () => {
    const { request, key } = await setup({ proofStatus: "verified" });
    const res = await call("POST", `/api/v1/requests/${request.id}/proof`, { key, body: { tx_hash: hash() } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: "request_not_payable", request: { proof_status: "verified" } });
  });

  it("an expired request still takes a proof (a late payment may verify)", async () => {
    const { request, key } = await setup({ status: "expired", expiresAt: new Date(Date.now() - 60_000) });
    const res = await call("POST", `/api/v1/requests/${request.id}/proof`, { key, body: { tx_hash: hash() } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "expired", proof_status: "attached" });
    expect(await types(request.id)).toEqual(["payment.proof_attached"]);
  });

  it("a second, different hash becomes the request's tx_hash while both stay pending", async () => {
    const { request, key } = await setup();
    const [h1, h2] = [hash(), hash()];
    await call("POST", `/api/v1/requests/${request.id}/proof`, { key, body: { tx_hash: h1 } });
    const res = await call("POST", `/api/v1/requests/${request.id}/proof`, { key, body: { tx_hash: h2 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ proof_status: "attached", tx_hash: h2 });
    expect(await db.proof.count({ where: { requestId: request.id, outcome: "pending" } })).toBe(2);
    expect(await types(request.id)).toEqual(["payment.proof_attached", "payment.proof_attached"]);
  });

  it("caps the pending proofs of one request (409 too_many_proofs)", async () => {
    const { request, key } = await setup();
    for (let i = 0; i < 5; i++) {
      expect((await call("POST", `/api/v1/requests/${request.id}/proof`, { key, body: { tx_hash: hash() } })).status).toBe(200);
    }
    const res = await call("POST", `/api/v1/requests/${request.id}/proof`, { key, body: { tx_hash: hash() } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ ok: false, error: "too_many_proofs" });
    expect(await db.proof.count({ where: { requestId: request.id } })).toBe(5);
    expect((await types(request.id)).length).toBe(5);
  });
});

describe("public pay endpoints", () => {
  it("POST /api/pay/:id/proof attaches without a key and answers with the public status only", async () => {
    const { request } = await setup();
    const h = hash();
    const res = await call("POST", `/api/pay/${request.id}/proof`, { body: { tx_hash: h }, headers: { "x-forwarded-for": `10.9.${randomBytes(1)[0]}.${randomBytes(1)[0]}` } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, request_id: request.id, proof_status: "attached", tx_hash: h, rejection: null });
    expect(res.body).not.toHaveProperty("metadata");
    expect(res.headers.get("ratelimit-limit")).toBe("10");
    const proof = await db.proof.findFirstOrThrow({ where: { requestId: request.id } });
    expect(proof.source).toBe("pay_page");
    expect(await types(request.id)).toEqual(["payment.proof_attached"]);
  });

  it("POST /api/pay/:id/proof is rate-limited per IP", async () => {
    const { request } = await setup();
    const ip = `10.77.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    await awayFromWindowEdge();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await call("POST", `/api/pay/${request.id}/proof`, { rawBody: "{", headers: { "x-forwarded-for": ip, "content-type": "application/json" } })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("GET /api/pay/:id returns status without partner data; unknown ids are 404", async () => {
    const { request } = await setup();
    const res = await call("GET", `/api/pay/${request.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ok: true, request_id: request.id, status: "requested", proof_status: "none", tx_hash: null,
      expires_at: request.expiresAt.toISOString(), proof_verified_at: null, late: false, test_mode: false, simulated: false,
      amount: { fiat_int: 2500, fiat_code: "EUR", usdc_micro: "27500000" }, chain_id: CHAIN, rejection: null,
    });
    for (const id of ["00000000-0000-7000-8000-000000000000", "nope"]) {
      const r = await call("GET", `/api/pay/${id}`);
      expect(r.status).toBe(404);
      expect(r.body).toMatchObject({ ok: false, error: "not_found" });
    }
  });
});

describe("POST /api/v1/requests/:id/simulate_payment", () => {
  it("paid: attaches a simulated proof and verifies it, with both events", async () => {
    const { request, key } = await setup({ testMode: true });
    const res = await call("POST", `/api/v1/requests/${request.id}/simulate_payment`, { key, body: { outcome: "paid" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ proof_status: "verified", late: false, proof: { simulated: true, status: "verified", received_usdc_micro: "27500000" } });
    expect(res.body.proof_verified_at).toBeTruthy();
    expect(await types(request.id)).toEqual(["payment.proof_attached", "payment.proof_verified"]);
    // The public pay status says so, for the pay page's label (issue 19).
    expect((await call("GET", `/api/pay/${request.id}`)).body).toMatchObject({ proof_status: "verified", simulated: true });
  });

  it("late: verifies with late: true", async () => {
    const { request, key } = await setup({ testMode: true });
    const res = await call("POST", `/api/v1/requests/${request.id}/simulate_payment`, { key, body: { outcome: "late" } });
    expect(res.body).toMatchObject({ proof_status: "verified", late: true, proof: { late: true, simulated: true } });
    expect(await types(request.id)).toEqual(["payment.proof_attached", "payment.proof_verified"]);
  });

  it("underpaid: rejects with amounts and returns the request to proof_status none", async () => {
    const { request, key } = await setup({ testMode: true });
    const res = await call("POST", `/api/v1/requests/${request.id}/simulate_payment`, { key, body: { outcome: "underpaid" } });
    expect(res.body).toMatchObject({ proof_status: "none", tx_hash: null, proof: { status: "rejected", rejection_reason: "underpaid", expected_usdc_micro: "27500000", received_usdc_micro: "13750000" } });
    expect(await types(request.id)).toEqual(["payment.proof_attached", "payment.proof_rejected"]);
  });

  it("is 403 test_mode_only for a live key, 400 for a bad outcome", async () => {
    const { request, key } = await setup();
    const res = await call("POST", `/api/v1/requests/${request.id}/simulate_payment`, { key, body: { outcome: "paid" } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: "test_mode_only" });
    const t = await setup({ testMode: true });
    const bad = await call("POST", `/api/v1/requests/${t.request.id}/simulate_payment`, { key: t.key, body: { outcome: "stolen" } });
    expect(bad.status).toBe(400);
    expect(await types(request.id)).toEqual([]);
    expect(await types(t.request.id)).toEqual([]);
  });
});
