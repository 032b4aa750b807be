// Refunds through the partner API and the merchant's domain functions (lib/refunds/), on a real
// anvil chain where money moves: the partner asks (POST /api/v1/requests/{id}/refunds, 201
// requested, idempotent), the merchant approves and its wallet sends it, the loop verifies it and
// payment.refunded carries the request with refunds[]. Also: what is refused and how (a refund
// over what is left — two concurrent ones included, raced for real —, no verified payment, no
// payer to default to, wrong states), test mode's simulation, and tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { isApiError } from "@/lib/errors";
import { attachProof } from "@/lib/payments/attach-proof";
import { checkProofs } from "@/lib/payments/check-proofs";
import { approveRefund } from "@/lib/refunds/approve-refund";
import { cancelRefund } from "@/lib/refunds/cancel-refund";
import { checkRefunds } from "@/lib/refunds/check-refunds";
import { createRefund } from "@/lib/refunds/create-refund";
import { listMerchantRefunds } from "@/lib/refunds/list-refunds";
import { prepareRefundTransfer } from "@/lib/refunds/prepare-refund-transfer";
import { simulateRefund } from "@/lib/refunds/simulate-refund";
import { submitRefundTx } from "@/lib/refunds/submit-refund-tx";
import { paymentsCsv } from "@/lib/merchants/payments-csv";
import { eventBody } from "@/lib/webhooks/deliver";
import { call } from "../support/call-route";
import { makeOnboardedMerchant, makePartner, randomWallet } from "../support/fixtures";
import { openPaymentRequest } from "../support/request-fixtures";
import { idemKey } from "../api/helpers";
import { startTestChain, type TestChain } from "../payments/support/chain";
import { newMerchantWallet } from "./support/merchant-wallet";

let chain: TestChain;
beforeAll(async () => {
  chain = await startTestChain();
});
afterAll(async () => {
  await chain?.stop();
});

const AMOUNT = 25_000_000n;

async function until<T>(what: string, work: () => Promise<unknown>, check: () => Promise<T | null | undefined | false>, maxMs = 20_000): Promise<T> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    await work();
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A live request paid on chain to a fresh merchant wallet and verified by the real loop. */
async function paidRequest() {
  const wallet = await newMerchantWallet(chain);
  const setup = await openPaymentRequest(chain.settings, { usdcMicro: AMOUNT, createdAt: new Date(Date.now() - 60_000) }, { wallet: wallet.address });
  await db.partner.update({ where: { id: setup.partner.id }, data: { rateLimitPerMinute: 100_000 } });
  const paymentHash = await chain.transfer(setup.wallet, AMOUNT);
  await attachProof({ requestId: setup.request.id, txHash: paymentHash, source: "partner_api", scope: null });
  await until("payment verified", () => checkProofs({ workerId: "refund-api", chains: [chain.settings], partnerId: setup.partner.id }), () =>
    db.proof.findFirst({ where: { requestId: setup.request.id, outcome: "verified" } }),
  );
  return { ...setup, merchantWallet: wallet, actor: { id: setup.merchant.id, email: null, role: "merchant" as const } };
}

/** A test-mode request paid with simulate_payment through the API (no payer: simulated). */
async function simulatedPaid() {
  const { partner, testKey, liveKey } = await makePartner({ rateLimitPerMinute: 100_000 });
  const merchant = await makeOnboardedMerchant(partner.id, { testMode: true });
  const created = await call("POST", "/api/v1/requests/create", { key: testKey, body: { merchant_id: merchant.id, fiat_amount_int: 1000 } });
  const paid = await call("POST", `/api/v1/requests/${created.body.request_id}/simulate_payment`, { key: testKey, body: { outcome: "paid" } });
  expect(paid.status, paid.text).toBe(200);
  return { partner, testKey, liveKey, merchant, requestId: created.body.request_id as string, received: BigInt(paid.body.proof.received_usdc_micro as string) };
}

async function refusal(p: Promise<unknown>) {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!isApiError(err)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return { code: err.code, status: err.status, extra: err.extra };
}

describe("partner API → merchant approval → on-chain refund", () => {
  it("asked for by the partner, approved and sent by the merchant, verified: payment.refunded carries refunds[]", async () => {
    const p = await paidRequest();
    const key = idemKey();
    const asked = await call("POST", `/api/v1/requests/${p.request.id}/refunds`, { key: p.liveKey, headers: { "idempotency-key": key }, body: { amount_usdc_micro: "10000000", reason: "Returned" } });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body).toMatchObject({
      ok: true, status: "requested", amount_usdc_micro: "10000000", to_address: chain.payer.toLowerCase(), tx_hash: null, reason: "Returned",
      initiated_by: "partner", rejection_reason: null, simulated: false, verified_at: null, finalized_at: null,
    });
    const refundId = asked.body.refund_id as string;
    // The payer is known: the partner cannot send the refund elsewhere.
    const elsewhere = await call("POST", `/api/v1/requests/${p.request.id}/refunds`, { key: p.liveKey, body: { amount_usdc_micro: "1", to_address: randomWallet() } });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toMatchObject({ error: "validation_error", details: [{ field: "to_address" }] });
    // The same key again: the same refund, 200 and flagged, nothing new.
    const replay = await call("POST", `/api/v1/requests/${p.request.id}/refunds`, { key: p.liveKey, headers: { "idempotency-key": key }, body: { amount_usdc_micro: "10000000", reason: "Returned" } });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ refund_id: refundId, idempotent_replay: true });
    expect(await db.refund.count({ where: { requestId: p.request.id } })).toBe(1);
    const acked = await db.event.findFirstOrThrow({ where: { requestId: p.request.id, type: "refund.requested" } });
    expect(acked.payload).toMatchObject({ refund: { refund_id: refundId, status: "requested" }, data: { refunds: [{ refund_id: refundId }] } });

    // Not sendable before the merchant approves it.
    expect(await refusal(prepareRefundTransfer(p.merchant.id, refundId))).toMatchObject({ code: "refund_wrong_state", status: 409 });
    expect((await approveRefund(p.merchant.id, refundId)).status).toBe("awaiting_transfer");
    const t = await prepareRefundTransfer(p.merchant.id, refundId);
    const hash = await chain.sendRaw(await p.merchantWallet.sign(t));
    await submitRefundTx(p.merchant.id, refundId, hash);
    await until("refund verified", () => checkRefunds({ workerId: "refund-api", chains: [chain.settings], partnerId: p.partner.id }), async () =>
      (await db.refund.findUniqueOrThrow({ where: { id: refundId } })).status === "verified",
    );

    const event = await db.event.findFirstOrThrow({ where: { requestId: p.request.id, type: "payment.refunded" } });
    const body = JSON.parse(eventBody(event.payload).toString("utf8")) as { type: string; data: { request_id: string; refunds: Record<string, unknown>[] }; refund: Record<string, unknown> };
    expect(body.type).toBe("payment.refunded");
    expect(body.data.request_id).toBe(p.request.id);
    expect(body.data.refunds).toEqual([expect.objectContaining({ refund_id: refundId, status: "verified", tx_hash: hash, initiated_by: "partner" })]);
    expect(body.refund).toEqual(body.data.refunds[0]);
    const listed = await call("GET", `/api/v1/events/${event.id}`, { key: p.liveKey });
    expect(listed.body.refund).toEqual(body.refund);

    // The request object and the refunds list say the same.
    const got = await call("GET", `/api/v1/requests/${p.request.id}`, { key: p.liveKey });
    expect(got.body.refunds).toEqual([expect.objectContaining({ refund_id: refundId, status: "verified" })]);
    const list = await call("GET", `/api/v1/requests/${p.request.id}/refunds`, { key: p.liveKey });
    expect(list.body.refunds).toEqual(got.body.refunds);
    const page = await call("GET", `/api/v1/requests?limit=10`, { key: p.liveKey });
    expect((page.body.requests as { request_id: string; refunds: unknown[] }[]).find((r) => r.request_id === p.request.id)?.refunds).toEqual(got.body.refunds);

    // CSV: the refunded amount and the refund's hash, in the columns added at the end.
    const csv = (await paymentsCsv(p.merchant, new Date(Date.now() - 3_600_000), new Date(Date.now() + 60_000))).trimEnd().split("\r\n");
    expect(csv[0].endsWith(",refunded_usdc_amount,refund_tx_hashes")).toBe(true);
    expect(csv[1].endsWith(`,10.000000,${hash}`)).toBe(true);

    const actions = (await db.auditLog.findMany({ where: { targetType: "refund", targetId: refundId }, orderBy: { createdAt: "asc" } })).map((a) => [a.action, a.actorType]);
    expect(actions).toEqual([["refund.created", "api_key"], ["refund.approved", "merchant"], ["refund.submitted", "merchant"], ["refund.verified", "system"]]);
  });

  it("amount_usdc_micro defaults to everything left; the merchant can decline; a declined refund frees its amount", async () => {
    const p = await paidRequest();
    const first = await call("POST", `/api/v1/requests/${p.request.id}/refunds`, { key: p.liveKey, body: { amount_usdc_micro: "5000000" } });
    const rest = await call("POST", `/api/v1/requests/${p.request.id}/refunds`, { key: p.liveKey, body: {} });
    expect(rest.status, rest.text).toBe(201);
    expect(rest.body.amount_usdc_micro).toBe((AMOUNT - 5_000_000n).toString());
    const none = await call("POST", `/api/v1/requests/${p.request.id}/refunds`, { key: p.liveKey, body: { amount_usdc_micro: "1" } });
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({ ok: false, error: "refund_exceeds_received", received_usdc_micro: AMOUNT.toString(), refundable_usdc_micro: "0" });

    expect((await cancelRefund(p.merchant.id, rest.body.refund_id)).status).toBe("cancelled");
    expect(await refusal(approveRefund(p.merchant.id, rest.body.refund_id))).toMatchObject({ code: "refund_wrong_state" });
    const again = await call("POST", `/api/v1/requests/${p.request.id}/refunds`, { key: p.liveKey, body: { amount_usdc_micro: (AMOUNT - 5_000_000n).toString() } });
    expect(again.status, again.text).toBe(201);
    expect((await db.auditLog.findFirstOrThrow({ where: { targetId: rest.body.refund_id, action: "refund.declined" } })).actorType).toBe("merchant");
    expect((await listMerchantRefunds(p.merchant.id, p.request.id)).map((r) => r.id)).toEqual([first.body.refund_id, rest.body.refund_id, again.body.refund_id]);
  });

  it("two concurrent creates that together exceed what was received: exactly one wins", async () => {
    const p = await paidRequest();
    const each = (AMOUNT * 6n) / 10n;
    // Hold the request's row lock, start both creates, and let go only once both wait on it.
    const outcomes = await db.$transaction(
      async (tx) => {
        const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        await tx.$queryRaw`SELECT id FROM payment_requests WHERE id = ${p.request.id}::uuid FOR UPDATE`;
        const racers = [0, 1].map(() =>
          createRefund({ requestId: p.request.id, amountMicro: each, initiatedBy: "merchant", merchantId: p.merchant.id, actor: p.actor }).then(
            (r) => ({ ok: true as const, id: r.id }),
            (e: unknown) => ({ ok: false as const, code: isApiError(e) ? e.code : String(e) }),
          ),
        );
        await until("both creates waiting on the request's lock", async () => {}, async () => {
          const [{ n }] = await sql<{ n: string }>(
            `WITH a AS (SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))),
                  b AS (SELECT pid FROM pg_stat_activity WHERE pg_blocking_pids(pid) && ARRAY(SELECT pid FROM a))
             SELECT count(*)::text AS n FROM (SELECT pid FROM a UNION SELECT pid FROM b) x`,
            [pid],
          );
          return Number(n) >= 2;
        });
        return racers;
      },
      { timeout: 30_000 },
    );
    const results = await Promise.all(outcomes);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: "refund_exceeds_received" }]);
    expect(await db.refund.count({ where: { requestId: p.request.id } })).toBe(1);
  });
});

describe("what a refund refuses", () => {
  it("a request without a verified payment is 409 request_not_refundable; a zero or malformed amount 400", async () => {
    const { partner, liveKey, merchant } = await openPaymentRequest(chain.settings, { usdcMicro: AMOUNT });
    await db.partner.update({ where: { id: partner.id }, data: { rateLimitPerMinute: 100_000 } });
    const r = await db.paymentRequest.findFirstOrThrow({ where: { merchantId: merchant.id } });
    const res = await call("POST", `/api/v1/requests/${r.id}/refunds`, { key: liveKey, body: {} });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ ok: false, error: "request_not_refundable", request: { request_id: r.id, proof_status: "none", refunds: [] } });
    for (const amount of ["0", "-5", "1.5", "abc", ""]) {
      const bad = await call("POST", `/api/v1/requests/${r.id}/refunds`, { key: liveKey, body: { amount_usdc_micro: amount } });
      expect(bad.status, amount).toBe(400);
      expect(bad.body.details, amount).toEqual([expect.objectContaining({ field: "amount_usdc_micro" })]);
    }
    expect(await refusal(createRefund({ requestId: r.id, amountMicro: 0n, initiatedBy: "merchant", merchantId: merchant.id, actor: { id: merchant.id, email: null, role: "merchant" } }))).toMatchObject({
      code: "validation_error",
      status: 400,
    });
  });

  it("a simulated payment has no payer: to_address is required", async () => {
    const s = await simulatedPaid();
    const res = await call("POST", `/api/v1/requests/${s.requestId}/refunds`, { key: s.testKey, body: { amount_usdc_micro: "1000" } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "validation_error", details: [{ field: "to_address" }] });
  });
});

describe("test mode: simulate a refund", () => {
  it("settles a requested refund as verified and simulated, with payment.refunded; live keys are refused", async () => {
    const s = await simulatedPaid();
    const to = randomWallet();
    const asked = await call("POST", `/api/v1/requests/${s.requestId}/refunds`, { key: s.testKey, body: { to_address: to.toUpperCase().replace("0X", "0x") } });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body).toMatchObject({ status: "requested", to_address: to, amount_usdc_micro: s.received.toString() });
    const live = await call("POST", `/api/v1/requests/${s.requestId}/refunds/${asked.body.refund_id}/simulate`, { key: s.liveKey });
    expect(live.status).toBe(403);
    expect(live.body.error).toBe("test_mode_only");

    const sim = await call("POST", `/api/v1/requests/${s.requestId}/refunds/${asked.body.refund_id}/simulate`, { key: s.testKey });
    expect(sim.status, sim.text).toBe(200);
    expect(sim.body.refunds).toEqual([expect.objectContaining({ refund_id: asked.body.refund_id, status: "verified", simulated: true, tx_hash: expect.stringMatching(/^0x[0-9a-f]{64}$/) })]);
    expect(sim.body.refunds[0].finalized_at).not.toBeNull();
    const again = await call("POST", `/api/v1/requests/${s.requestId}/refunds/${asked.body.refund_id}/simulate`, { key: s.testKey });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: "refund_wrong_state", refund: { status: "verified" } });
    const event = await db.event.findFirstOrThrow({ where: { requestId: s.requestId, type: "payment.refunded" } });
    expect(event.payload).toMatchObject({ refund: { refund_id: asked.body.refund_id, simulated: true } });
    // The checker leaves simulated refunds alone.
    expect(await checkRefunds({ workerId: "refund-api", chains: [chain.settings], partnerId: s.partner.id })).toBe(0);
    // simulateRefund is for test mode only, whoever calls it.
    const p = await paidRequest();
    const liveRefund = await createRefund({ requestId: p.request.id, amountMicro: 1n, initiatedBy: "merchant", merchantId: p.merchant.id, actor: p.actor });
    expect(await refusal(simulateRefund({ merchantId: p.merchant.id }, liveRefund.id))).toMatchObject({ code: "test_mode_only", status: 403 });
  });
});

describe("tenant isolation", () => {
  it("another partner's, another merchant's or the other mode's refund is not found, exactly like a missing one", async () => {
    const s = await simulatedPaid();
    const asked = await call("POST", `/api/v1/requests/${s.requestId}/refunds`, { key: s.testKey, body: { amount_usdc_micro: "1", to_address: randomWallet() } });
    const refundId = asked.body.refund_id as string;
    const other = await makePartner({ rateLimitPerMinute: 100_000 });
    const otherMerchant = await makeOnboardedMerchant(other.partner.id, { testMode: true });
    const missing = "00000000-0000-7000-8000-00000000abcd";

    const notFound = { ok: false, error: "not_found", message: "Not found." };
    for (const [key, path] of [
      [other.testKey, `/api/v1/requests/${s.requestId}/refunds`],
      [s.liveKey, `/api/v1/requests/${s.requestId}/refunds`],
    ] as const) {
      const get = await call("GET", path, { key });
      expect(get.status).toBe(404);
      expect(get.body).toEqual(notFound);
      const post = await call("POST", path, { key, body: {} });
      expect(post.body).toEqual(notFound);
    }
    for (const path of [`/api/v1/requests/${s.requestId}/refunds/${missing}/simulate`, `/api/v1/requests/${missing}/refunds/${refundId}/simulate`]) {
      expect((await call("POST", path, { key: s.testKey })).body, path).toEqual(notFound);
    }
    expect((await call("POST", `/api/v1/requests/${s.requestId}/refunds/${refundId}/simulate`, { key: other.testKey })).body).toEqual(notFound);

    // The merchant functions: another merchant's refund is the same not_found as a missing one.
    for (const fn of [
      () => approveRefund(otherMerchant.id, refundId),
      () => cancelRefund(otherMerchant.id, refundId),
      () => prepareRefundTransfer(otherMerchant.id, refundId),
      () => submitRefundTx(otherMerchant.id, refundId, `0x${"ab".repeat(32)}`),
      () => simulateRefund({ merchantId: otherMerchant.id }, refundId),
      () => listMerchantRefunds(otherMerchant.id, s.requestId),
      () => createRefund({ requestId: s.requestId, amountMicro: 1n, toAddress: randomWallet(), initiatedBy: "merchant", merchantId: otherMerchant.id, actor: { id: otherMerchant.id, email: null, role: "merchant" } }),
      () => approveRefund(s.merchant.id, missing),
      () => approveRefund(s.merchant.id, "not-a-uuid"),
    ]) {
      expect(await refusal(fn())).toEqual({ code: "not_found", status: 404, extra: {} });
    }
    expect(await db.refund.findUniqueOrThrow({ where: { id: refundId } })).toMatchObject({ status: "requested", txHash: null });
  });
});
