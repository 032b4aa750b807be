// POST /api/v1/merchants/{id}/test_onboarding: a test-mode merchant onboarded in one call, through
// the real route, database, outbox and a real webhook receiver — the same change and the same
// merchant.onboarding_completed webhook as a merchant finishing the signed onboarding page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CURRENT_TERMS_VERSION } from "@/lib/merchants/complete-onboarding";
import { tokenFor, verifyOnboardingToken } from "@/lib/merchants/onboarding-token";
import { call } from "@/test/support/call-route";
import { randomWallet } from "@/test/support/fixtures";
import { tenantRows } from "@/test/support/tenant-rows";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";
import { deliverUntil, settled } from "@/test/webhooks/support/harness";
import { makeTenant } from "./helpers";

let t: Awaited<ReturnType<typeof makeTenant>>;
let other: Awaited<ReturnType<typeof makeTenant>>;
let rx: WebhookReceiver;
beforeAll(async () => {
  [t, other] = await Promise.all([makeTenant(), makeTenant()]);
  rx = await startWebhookReceiver();
});
afterAll(async () => {
  await rx.close();
});

const shell = async (key = t.testKey) => {
  const res = await call("POST", "/api/v1/merchants", { key, body: { business_name: "Test Café" } });
  expect(res.status, res.text).toBe(201);
  return res.body.merchant_id as string;
};
const onboard = (id: string, body: Record<string, unknown>, key = t.testKey) => call("POST", `/api/v1/merchants/${id}/test_onboarding`, { key, body });

describe("POST /api/v1/merchants/{id}/test_onboarding", () => {
  it("completes onboarding, emits merchant.onboarding_completed delivered as a signed webhook, and the merchant can take requests", async () => {
    const endpoint = await call("POST", "/api/v1/webhook_endpoints", { key: t.testKey, body: { url: rx.url("/onboarded"), events: ["merchant.onboarding_completed"] } });
    expect(endpoint.status).toBe(201);
    const id = await shell();
    const wallet = `0x${randomWallet().slice(2).toUpperCase()}`;

    const res = await onboard(id, { wallet_address: wallet });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ ok: true, merchant_id: id, onboarding_status: "complete", wallet_address: wallet.toLowerCase(), test_mode: true, onboarding_url: null });

    const row = await db.merchant.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ onboardingStatus: "complete", walletAddress: wallet.toLowerCase(), termsVersion: CURRENT_TERMS_VERSION });
    expect(row.onboardingCompletedAt).toBeInstanceOf(Date);
    expect(row.termsAcceptedAt).toBeInstanceOf(Date);
    // The link issued with the merchant no longer opens, and none is offered (as after a signed onboarding).
    const link = await db.onboardingToken.findFirstOrThrow({ where: { merchantId: id } });
    expect(await verifyOnboardingToken(tokenFor(link.id))).toBeNull();
    expect(res.body.onboarding_url).toBeNull();

    const events = await db.event.findMany({ where: { merchantId: id } });
    expect(events.map((e) => [e.type, e.testMode])).toEqual([["merchant.onboarding_completed", true]]);
    await deliverUntil([t.partner.id], () => settled(events[0].id));
    const got = rx.received.filter((r) => r.path === "/onboarded");
    expect(got).toHaveLength(1);
    const payload = rx.verify(got[0], endpoint.body.secret as string) as { type: string; data: Record<string, unknown> };
    const { ok: _ok, ...merchant } = res.body;
    expect(payload).toMatchObject({ type: "merchant.onboarding_completed", data: merchant });

    const created = await call("POST", "/api/v1/requests/create", { key: t.testKey, body: { merchant_id: id, fiat_amount_int: 1500 } });
    expect(created.status, created.text).toBe(201);
    expect(created.body.chain.receiving_wallet).toBe(wallet.toLowerCase());
  });

  it("409 merchant_already_onboarded once complete, writing nothing", async () => {
    const id = await shell();
    expect((await onboard(id, { wallet_address: randomWallet() })).status).toBe(200);
    const before = await tenantRows(t.partner.id);
    const again = await onboard(id, { wallet_address: randomWallet() });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ ok: false, error: "merchant_already_onboarded", message: expect.any(String) });
    expect(await tenantRows(t.partner.id)).toEqual(before);
    // The fixture merchant, onboarded the ordinary way, too.
    expect((await onboard(t.testMerchant.id, { wallet_address: randomWallet() })).body.error).toBe("merchant_already_onboarded");
  });

  it("two concurrent calls for one merchant: one completes, the other is 409, one event", async () => {
    const id = await shell();
    const results = await Promise.all([onboard(id, { wallet_address: randomWallet() }), onboard(id, { wallet_address: randomWallet() })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error).toBe("merchant_already_onboarded");
    expect(await db.event.count({ where: { merchantId: id, type: "merchant.onboarding_completed" } })).toBe(1);
    const winner = results.find((r) => r.status === 200)!.body.wallet_address;
    expect((await db.merchant.findUniqueOrThrow({ where: { id } })).walletAddress).toBe(winner);
  });

  it("403 test_mode_only for a live key, even for the partner's own live shell merchant", async () => {
    const live = await shell(t.liveKey);
    const res = await onboard(live, { wallet_address: randomWallet() }, t.liveKey);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ ok: false, error: "test_mode_only" });
    expect((await db.merchant.findUniqueOrThrow({ where: { id: live } })).onboardingStatus).toBe("incomplete");
  });

  it("404 for another partner's merchant, the partner's live merchant, a missing and a malformed id — the same body", async () => {
    const foreign = await shell(other.testKey);
    const liveOwn = await shell(t.liveKey);
    const answers = await Promise.all(
      [foreign, liveOwn, "0193b2c4-0000-7000-8000-000000000000", "not-a-uuid"].map((id) => onboard(id, { wallet_address: randomWallet() })),
    );
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body).toEqual({ ok: false, error: "not_found", message: "Not found." });
    }
    expect((await db.merchant.findUniqueOrThrow({ where: { id: foreign } })).onboardingStatus).toBe("incomplete");
  });

  it("a wallet that is another merchant's is 409 wallet_address_conflict; a malformed or missing one 400", async () => {
    const id = await shell();
    const taken = await onboard(id, { wallet_address: other.testMerchant.walletAddress });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toBe("wallet_address_conflict");
    for (const body of [{}, { wallet_address: "0x1234" }, { wallet_address: randomWallet(), extra: 1 }]) {
      const res = await onboard(id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe("validation_error");
    }
    expect((await db.merchant.findUniqueOrThrow({ where: { id } })).onboardingStatus).toBe("incomplete");
    expect(await db.event.count({ where: { merchantId: id } })).toBe(0);
    // Refusals left it onboardable.
    expect((await onboard(id, { wallet_address: randomWallet() })).status).toBe(200);
  });
});
