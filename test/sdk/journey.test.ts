// The SDK's whole journey against JoPay's real route handlers over a socket (test/sdk/support/
// api-server.ts), the real database, outbox and delivery loop, and a real webhook receiver: a test
// key creates a merchant, onboards it in one call, creates a request, simulates its payment, and
// the payment.proof_verified webhook that arrives verifies with the SDK's helper and with the
// standardwebhooks library alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JoPay, JoPayError, WebhookVerificationError, type WebhookEvent } from "@/packages/node/src/index";
import { db } from "@/lib/db";
import { makePartner, randomWallet } from "@/test/support/fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";
import { deliverUntil, settled } from "@/test/webhooks/support/harness";
import { startApiServer, type ApiServer } from "./support/api-server";

let api: ApiServer;
let rx: WebhookReceiver;
let partner: Awaited<ReturnType<typeof makePartner>>;
let jopay: JoPay;
beforeAll(async () => {
  [api, rx, partner] = await Promise.all([startApiServer(), startWebhookReceiver(), makePartner({ rateLimitPerMinute: 10_000, merchantCreateLimitPerMinute: 10_000 })]);
  jopay = new JoPay({ apiKey: partner.testKey, baseUrl: api.baseUrl });
});
afterAll(async () => {
  await Promise.all([api.close(), rx.close()]);
});

describe("the SDK against a real JoPay API", () => {
  it("test key → merchant → test_onboarding → request → simulated payment → verified webhook", async () => {
    const endpoint = await jopay.webhookEndpoints.create({ url: rx.url("/journey"), events: ["payment.proof_verified"] });
    expect(endpoint.secret).toMatch(/^whsec_/);

    const shell = await jopay.merchants.create({ business_name: "SDK Café", display_currency: "EUR" });
    expect(shell.onboarding_status).toBe("incomplete");
    const wallet = randomWallet();
    const merchant = await jopay.merchants.testOnboarding(shell.merchant_id, { wallet_address: wallet });
    expect(merchant).toMatchObject({ merchant_id: shell.merchant_id, onboarding_status: "complete", wallet_address: wallet, test_mode: true });

    const request = await jopay.requests.create({ merchant_id: merchant.merchant_id, fiat_amount_int: 2500, memo: "Order #1", metadata: { order_id: "1" } });
    expect(request).toMatchObject({ status: "requested", proof_status: "none", amount: { fiat_int: 2500, fiat_code: "EUR" }, test_mode: true });
    // The SDK sent a generated key as the header, and the API stored it.
    const sent = api.calls.filter((c) => c.path === "/api/v1/requests/create").at(-1)!;
    expect(sent.headers["idempotency-key"]).toMatch(/^[A-Za-z0-9_-]{32,64}$/);
    expect((await db.paymentRequest.findUniqueOrThrow({ where: { id: request.request_id } })).idempotencyKey).toBe(sent.headers["idempotency-key"]);

    const paid = await jopay.requests.simulatePayment(request.request_id, { outcome: "paid" });
    expect(paid).toMatchObject({ request_id: request.request_id, proof_status: "verified", proof: { status: "verified", simulated: true } });
    expect((await jopay.requests.get(request.request_id)).proof_status).toBe("verified");

    const events = await jopay.events.list({ type: "payment.proof_verified" });
    expect(events.events.map((e) => e.data.request_id)).toEqual([request.request_id]);
    const eventId = events.events[0].id;
    await deliverUntil([partner.partner.id], () => settled(eventId));

    const [got] = rx.received.filter((r) => r.path === "/journey");
    expect(got.headers["webhook-id"]).toBe(eventId);
    const event: WebhookEvent = jopay.webhooks.verify(got.rawBody, got.headers, endpoint.secret);
    if (event.type !== "payment.proof_verified") throw new Error(`unexpected ${event.type}`);
    expect(event.data).toMatchObject({ request_id: request.request_id, proof_status: "verified" });
    expect(rx.verify(got, endpoint.secret)).toEqual(event);

    // Tampered: refused by both.
    const tampered = Buffer.from(got.rawBody.toString("utf8").replace('"verified"', '"attached"'));
    expect(() => jopay.webhooks.verify(tampered, got.headers, endpoint.secret)).toThrow(WebhookVerificationError);
    expect(() => rx.verify({ ...got, rawBody: tampered }, endpoint.secret)).toThrow();

    const detail = await jopay.events.get(eventId);
    expect(detail.deliveries).toEqual([expect.objectContaining({ webhook_endpoint_id: endpoint.webhook_endpoint_id, status: "succeeded" })]);
  });

  it("an existing request replays under the same idempotency key", async () => {
    const [m] = (await jopay.merchants.list({ onboarding_status: "complete" })).merchants;
    const key = "sdk-replay-".padEnd(40, "x");
    const first = await jopay.requests.create({ merchant_id: m.merchant_id, fiat_amount_int: 100 }, { idempotencyKey: key });
    const again = await jopay.requests.create({ merchant_id: m.merchant_id, fiat_amount_int: 999 }, { idempotencyKey: key });
    expect(again.request_id).toBe(first.request_id);
    expect(again.idempotent_replay).toBe(true);
    expect(first.idempotent_replay).toBeUndefined();
  });

  it("auto-pagination walks every page", async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await jopay.merchants.create({ business_name: `Paged ${i}` })).merchant_id);
    const pageOne = await jopay.merchants.list({ limit: 2 });
    expect(pageOne.merchants).toHaveLength(2);
    expect(pageOne.has_more).toBe(true);
    const all: string[] = [];
    for await (const m of jopay.merchants.list({ limit: 2 })) all.push(m.merchant_id);
    expect(all).toEqual(expect.arrayContaining(created));
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(await db.merchant.count({ where: { partnerId: partner.partner.id, testMode: true } }));
    const pagesAsked = api.calls.filter((c) => c.path.startsWith("/api/v1/merchants?limit=2"));
    expect(pagesAsked.length).toBeGreaterThanOrEqual(Math.ceil(all.length / 2) + 1);
  });

  it("errors carry the status, the error table's code, the message and the request id", async () => {
    const missing = await jopay.requests.get("0193b2c4-0000-7000-8000-000000000000").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(JoPayError);
    expect(missing).toMatchObject({ status: 404, code: "not_found", message: "Not found." });
    expect((missing as JoPayError).requestId).toMatch(/^[0-9a-f-]{36}$/);

    const [m] = (await jopay.merchants.list({ onboarding_status: "complete" })).merchants;
    const again = await jopay.merchants.testOnboarding(m.merchant_id, { wallet_address: randomWallet() }).catch((e: unknown) => e);
    expect(again).toMatchObject({ status: 409, code: "merchant_already_onboarded" });

    const invalid = await jopay.requests.create({ merchant_id: m.merchant_id, fiat_amount_int: -1 }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, code: "validation_error", details: [{ field: "fiat_amount_int", issue: "must be positive" }] });

    const live = new JoPay({ apiKey: partner.liveKey, baseUrl: api.baseUrl });
    const shell = await live.merchants.create({});
    expect(await live.merchants.testOnboarding(shell.merchant_id, { wallet_address: randomWallet() }).catch((e: unknown) => e)).toMatchObject({ status: 403, code: "test_mode_only" });

    const badKey = new JoPay({ apiKey: "jo_test_nope", baseUrl: api.baseUrl, maxRetries: 0 });
    expect(await badKey.requests.list().catch((e: unknown) => e)).toMatchObject({ status: 401, code: "unauthorized" });
  });
});
