// The SDK's webhook verification (packages/node/src/webhooks.ts, node:crypto only) agrees with the
// standardwebhooks library on deliveries signed by JoPay's own signer (lib/webhooks/sign.ts): both
// accept the genuine ones — a rotation's two signatures included — and both refuse every tampered
// one: body, id, timestamp, signature, secret, stale or future timestamps.
import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { signWebhook, verifyWebhook, WebhookVerificationError } from "@/packages/node/src/index";
import { generateWebhookSecret, signV1, webhookHeaders } from "@/lib/webhooks/sign";

const body = JSON.stringify({ id: "evt_0193b2c47e6f7a8b9c0d1e2f3a4b5c6d", type: "payment.proof_verified", created_at: "2026-12-03T10:00:00.000Z", test_mode: true, data: { request_id: "r", amount: { usdc_micro: "27500000" } } });
const now = () => Math.floor(Date.now() / 1000);

/** Both verifiers' verdicts: the parsed event, or "refused". */
function verdicts(payload: string | Buffer, headers: Record<string, string>, secret: string) {
  const sdk = (() => {
    try {
      return verifyWebhook(payload, headers, secret);
    } catch (e) {
      expect(e).toBeInstanceOf(WebhookVerificationError);
      return "refused";
    }
  })();
  const lib = (() => {
    try {
      return new Webhook(secret).verify(payload, headers);
    } catch {
      return "refused";
    }
  })();
  return { sdk, lib };
}

describe("webhooks.verify", () => {
  it("accepts what JoPay signs, as the standardwebhooks library does, and returns the typed event", () => {
    const secret = generateWebhookSecret();
    const headers = { ...webhookHeaders("evt_1", now(), Buffer.from(body), [secret]) };
    const { sdk, lib } = verdicts(body, headers, secret);
    expect(sdk).toEqual(JSON.parse(body));
    expect(lib).toEqual(sdk);
    // Bytes, a fetch Headers and Node's header casing all work.
    expect(verifyWebhook(Buffer.from(body), new Headers(headers), secret)).toEqual(sdk);
    expect(verifyWebhook(body, { "Webhook-Id": headers["webhook-id"], "WEBHOOK-TIMESTAMP": headers["webhook-timestamp"], "webhook-signature": headers["webhook-signature"] }, secret)).toEqual(sdk);
  });

  it("during a rotation either secret verifies a two-signature header; a list of secrets works too", () => {
    const [old, fresh] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = { ...webhookHeaders("evt_2", now(), body, [fresh, old]) };
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    for (const s of [old, fresh]) expect(verdicts(body, headers, s)).toEqual({ sdk: JSON.parse(body), lib: JSON.parse(body) });
    expect(verifyWebhook(body, headers, [generateWebhookSecret(), old])).toEqual(JSON.parse(body));
  });

  it("refuses every tampering, as the library does", () => {
    const secret = generateWebhookSecret();
    const ts = now();
    const good = { ...webhookHeaders("evt_3", ts, body, [secret]) };
    const sig = good["webhook-signature"].slice(3);
    const flipped = `${sig[0] === "A" ? "B" : "A"}${sig.slice(1)}`;
    const cases: [string, string, Record<string, string>, string][] = [
      ["body changed", body.replace("27500000", "99500000"), good, secret],
      ["body with a trailing space", `${body} `, good, secret],
      ["another webhook-id", body, { ...good, "webhook-id": "evt_other" }, secret],
      ["another timestamp", body, { ...good, "webhook-timestamp": String(ts - 1) }, secret],
      ["one signature character", body, { ...good, "webhook-signature": `v1,${flipped}` }, secret],
      ["a v2 label", body, { ...good, "webhook-signature": `v2,${sig}` }, secret],
      ["a truncated signature", body, { ...good, "webhook-signature": `v1,${sig.slice(0, 20)}` }, secret],
      ["an empty signature list", body, { ...good, "webhook-signature": "" }, secret],
      ["another secret", body, good, generateWebhookSecret()],
      ["no webhook-id", body, { "webhook-timestamp": good["webhook-timestamp"], "webhook-signature": good["webhook-signature"] }, secret],
      ["a timestamp six minutes old", body, { ...webhookHeaders("evt_3", ts - 360, body, [secret]) }, secret],
      ["a timestamp six minutes ahead", body, { ...webhookHeaders("evt_3", ts + 360, body, [secret]) }, secret],
      ["a non-numeric timestamp", body, { ...good, "webhook-timestamp": "soon" }, secret],
    ];
    for (const [what, payload, headers, s] of cases) expect(verdicts(payload, headers, s), what).toEqual({ sdk: "refused", lib: "refused" });
  });

  it("inside the five minutes both accept; the tolerance and clock are options", () => {
    const secret = generateWebhookSecret();
    const fourMinutesOld = { ...webhookHeaders("evt_4", now() - 240, body, [secret]) };
    expect(verdicts(body, fourMinutesOld, secret).sdk).not.toBe("refused");
    expect(verdicts(body, fourMinutesOld, secret).lib).not.toBe("refused");
    expect(() => verifyWebhook(body, fourMinutesOld, secret, { toleranceSeconds: 60 })).toThrow(/too old/);
    const at = new Date((now() - 240) * 1000);
    expect(verifyWebhook(body, fourMinutesOld, secret, { toleranceSeconds: 1, now: at })).toEqual(JSON.parse(body));
  });

  it("signWebhook makes the signature JoPay's signer makes", () => {
    const secret = generateWebhookSecret();
    expect(signWebhook(secret, "evt_5", 1_700_000_000, body)).toBe(signV1(secret, "evt_5", 1_700_000_000, body));
    expect(signWebhook(secret, "evt_5", 1_700_000_000, Buffer.from(body))).toBe(signV1(secret, "evt_5", 1_700_000_000, body));
  });

  it("explains misuse: parsed JSON instead of the raw body, a secret that is not whsec_, a body that is not JSON", () => {
    const secret = generateWebhookSecret();
    const headers = { ...webhookHeaders("evt_6", now(), body, [secret]) };
    expect(() => verifyWebhook(JSON.parse(body) as never, headers, secret)).toThrow(/raw request body/);
    expect(() => verifyWebhook(body, headers, "whsec_not base64!")).toThrow(/not a whsec_ secret/);
    expect(() => verifyWebhook(body, headers, "whsec_")).toThrow(WebhookVerificationError);
    const notJson = "plain text";
    expect(() => verifyWebhook(notJson, { ...webhookHeaders("evt_6", now(), notJson, [secret]) }, secret)).toThrow(/not JSON/);
  });
});
