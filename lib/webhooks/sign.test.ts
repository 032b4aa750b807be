// Our signer checked against the reference verifier (`standardwebhooks`), not against itself.
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signV1, webhookHeaders } from "./sign";

const now = () => Math.floor(Date.now() / 1000);
const body = JSON.stringify({ id: "evt_1", type: "payment.proof_verified", data: { metadata: { order_id: "ORD-1" } } });

describe("Standard Webhooks signing", () => {
  it("generates whsec_ secrets of 32 random bytes", () => {
    const s = generateWebhookSecret();
    expect(s).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(s.slice(6), "base64")).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(s);
  });

  it("verifies with the standardwebhooks library and returns the payload", () => {
    const secret = generateWebhookSecret();
    const headers = webhookHeaders("evt_1", now(), body, [secret]);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it("signs the exact bytes: Buffer and string give the same signature, non-ASCII included", () => {
    const secret = generateWebhookSecret();
    const text = JSON.stringify({ memo: "Café ☕ 𝄞" });
    const ts = now();
    expect(signV1(secret, "evt_2", ts, Buffer.from(text))).toBe(signV1(secret, "evt_2", ts, text));
    new Webhook(secret).verify(Buffer.from(text), { ...webhookHeaders("evt_2", ts, Buffer.from(text), [secret]) });
  });

  it("a tampered body fails verification", () => {
    const secret = generateWebhookSecret();
    const headers = webhookHeaders("evt_1", now(), body, [secret]);
    expect(() => new Webhook(secret).verify(body.replace("ORD-1", "ORD-2"), { ...headers })).toThrow(/signature/i);
  });

  it("a changed webhook-id or timestamp fails verification", () => {
    const secret = generateWebhookSecret();
    const ts = now();
    const headers = webhookHeaders("evt_1", ts, body, [secret]);
    expect(() => new Webhook(secret).verify(body, { ...headers, "webhook-id": "evt_9" })).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, "webhook-timestamp": String(ts - 1) })).toThrow();
  });

  it("a 10-minute-old timestamp fails verification", () => {
    const secret = generateWebhookSecret();
    const headers = webhookHeaders("evt_1", now() - 600, body, [secret]);
    expect(() => new Webhook(secret).verify(body, { ...headers })).toThrow(/too old/i);
  });

  it("another secret does not verify", () => {
    const headers = webhookHeaders("evt_1", now(), body, [generateWebhookSecret()]);
    expect(() => new Webhook(generateWebhookSecret()).verify(body, { ...headers })).toThrow();
  });

  it("during rotation both secrets sign and each verifies alone", () => {
    const current = generateWebhookSecret();
    const previous = generateWebhookSecret();
    const headers = webhookHeaders("evt_1", now(), body, [current, previous]);
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(current).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it("refuses malformed secrets and an empty secret list", () => {
    expect(() => signV1("not-a-secret", "evt_1", now(), body)).toThrow(/whsec_/);
    expect(() => webhookHeaders("evt_1", now(), body, [])).toThrow();
  });
});
