// The SDK (packages/node) against `npm start`'s real server, over real HTTP: a test key creates a
// merchant, onboards it in one call (test_onboarding), creates a request with a generated
// Idempotency-Key, simulates its payment, and the payment.proof_verified webhook the server's
// worker delivers to a local receiver verifies with the SDK's helper and with the standardwebhooks
// library — and, tampered, with neither.
import { expect, test } from "@playwright/test";
import { JoPay, JoPayError, WebhookVerificationError } from "../packages/node/src/index";
import { startWebhookReceiver } from "../test/support/webhook-receiver";
import { jopay as cli } from "./support/cli";

test("SDK journey: test key → merchant → test_onboarding → request → simulated payment → verified webhook", async () => {
  const slug = `sdk${Date.now().toString(36)}`;
  cli("partner:create", "--slug", slug, "--name", "SDK Partner", "--currency", "EUR");
  const { key } = cli<{ key: string }>("key:create", "--partner", slug, "--mode", "test");
  const rx = await startWebhookReceiver();
  try {
    const sdk = new JoPay({ apiKey: key, baseUrl: process.env.E2E_BASE_URL! });
    const endpoint = await sdk.webhookEndpoints.create({ url: rx.url("/sdk"), events: ["payment.proof_verified"] });

    const shell = await sdk.merchants.create({ business_name: "SDK Shop" });
    const wallet = `0x${Date.now().toString(16).padStart(40, "5")}`;
    const merchant = await sdk.merchants.testOnboarding(shell.merchant_id, { wallet_address: wallet });
    expect(merchant).toMatchObject({ onboarding_status: "complete", wallet_address: wallet, test_mode: true });
    const again = await sdk.merchants.testOnboarding(shell.merchant_id, { wallet_address: wallet }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(JoPayError);
    expect(again).toMatchObject({ status: 409, code: "merchant_already_onboarded" });
    expect((again as JoPayError).requestId).toMatch(/^[0-9a-f-]{36}$/);

    const created = await sdk.requests.create({ merchant_id: merchant.merchant_id, fiat_amount_int: 2500, memo: "SDK e2e" });
    expect(created).toMatchObject({ status: "requested", amount: { fiat_int: 2500, fiat_code: "EUR", usdc_micro: expect.any(String) } });
    const byHeader = await sdk.requests.create({ merchant_id: merchant.merchant_id, fiat_amount_int: 1 }, { idempotencyKey: "e2e-sdk-key-".padEnd(40, "0") });
    const replay = await sdk.requests.create({ merchant_id: merchant.merchant_id, fiat_amount_int: 2 }, { idempotencyKey: "e2e-sdk-key-".padEnd(40, "0") });
    expect([replay.request_id, replay.idempotent_replay]).toEqual([byHeader.request_id, true]);

    const paid = await sdk.requests.simulatePayment(created.request_id, { outcome: "paid" });
    expect(paid.proof_status).toBe("verified");

    const [got] = (await rx.waitFor((all) => all.some((r) => r.path === "/sdk"), 30_000)).filter((r) => r.path === "/sdk");
    const event = sdk.webhooks.verify(got.rawBody, got.headers, endpoint.secret);
    expect(event).toMatchObject({ type: "payment.proof_verified", data: { request_id: created.request_id, proof_status: "verified" } });
    expect(rx.verify(got, endpoint.secret)).toEqual(event);

    const tampered = Buffer.from(got.rawBody.toString("utf8").replace(created.request_id, byHeader.request_id));
    expect(() => sdk.webhooks.verify(tampered, got.headers, endpoint.secret)).toThrow(WebhookVerificationError);
    expect(() => rx.verify({ ...got, rawBody: tampered }, endpoint.secret)).toThrow();

    const listed: string[] = [];
    for await (const r of sdk.requests.list({ limit: 1 })) listed.push(r.request_id);
    expect(listed.sort()).toEqual([created.request_id, byHeader.request_id].sort());
  } finally {
    await rx.close();
  }
});
