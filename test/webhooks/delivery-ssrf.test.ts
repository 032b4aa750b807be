// The connect-time SSRF guard with JOPAY_ALLOW_PRIVATE_WEBHOOKS off: endpoints whose URL (or whose
// DNS answer, by now) points inward get no request at all, and the refusal is in the attempt log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkWebhookUrl, type Resolver } from "@/lib/webhooks/url-guard";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";
import { makePartner } from "@/test/support/fixtures";
import { deliverUntil, deliveriesOf, emitTestEvent, insertEndpoint, settled } from "./support/harness";

let rx: WebhookReceiver;
let port: string;
beforeAll(async () => {
  rx = await startWebhookReceiver();
  port = new URL(rx.url()).port;
});
afterAll(async () => {
  await rx.close();
});

// DNS rebinding: the first answer (registration) is public, every later one is the receiver's loopback.
function rebindingResolver(): Resolver {
  let calls = 0;
  return async () => [{ address: calls++ === 0 ? "93.184.216.34" : "127.0.0.1", family: 4 }];
}

describe("delivery with private targets refused", () => {
  it.each([
    ["plain http", () => `http://127.0.0.1:${port}/a`, /refused: URL must use https/],
    ["an IPv4 loopback literal", () => `https://127.0.0.1:${port}/b`, /refused: URL must not point to a loopback/],
    ["an IPv6 loopback literal", () => `https://[::1]:${port}/c`, /refused: URL must not point to a loopback/],
    ["an IPv4-mapped IPv6 literal", () => `https://[::ffff:127.0.0.1]:${port}/d`, /IPv4-mapped/],
    ["a private literal", () => `https://10.0.0.1:${port}/e`, /RFC 1918/],
    ["the metadata address", () => `https://169.254.169.254/latest/meta-data`, /metadata/],
    ["a name resolving to loopback (system DNS)", () => `https://localhost:${port}/f`, /resolves to a loopback/],
    ["a name that rebinds to loopback after registration", () => `https://rebound.example:${port}/g`, /resolves to a loopback/],
  ])("refuses %s before connecting", async (_name, url, why) => {
    const before = rx.received.length;
    const { partner } = await makePartner();
    const resolve = url().includes("rebound") ? rebindingResolver() : undefined;
    if (resolve) await checkWebhookUrl(url(), { allowPrivate: false, resolve }); // passes at registration
    await insertEndpoint(partner.id, url());
    const event = await emitTestEvent(partner.id);
    await deliverUntil([partner.id], () => settled(event.id), { allowPrivate: false, schedule: [0], resolve });
    const [d] = await deliveriesOf(event.id);
    expect(d.status).toBe("failed");
    expect(d.attempts).toHaveLength(1);
    expect(d.attempts[0].statusCode).toBeNull();
    expect(d.attempts[0].error).toMatch(why);
    expect(rx.received.length).toBe(before);
  });
});
