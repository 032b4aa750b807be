// "Send test event": POST /api/v1/webhook_endpoints/:id/test emits a webhook.test event that reaches
// a real loopback receiver signed (verified with the standardwebhooks library), goes to the chosen
// endpoint only — never to the partner's other endpoints, not even on redelivery — and is listed in
// GET /api/v1/events. Foreign and other-mode ids are 404, a read-only key 403.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { emitEvent } from "@/lib/events/emit-event";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";
import { call } from "@/test/support/call-route";
import { makeKey, makePartner } from "@/test/support/fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";
import { deliverUntil, deliveriesOf, insertEndpoint, settled } from "./support/harness";

let rx: WebhookReceiver;
beforeAll(async () => {
  rx = await startWebhookReceiver();
});
afterAll(async () => {
  await rx.close();
});

const at = (path: string) => rx.received.filter((r) => r.path === path);

/** A partner with two live endpoints receiving every type, one subscribed to proofs only, and a test-mode one. */
async function partnerWithEndpoints(tag: string) {
  const p = await makePartner();
  const chosen = await insertEndpoint(p.partner.id, rx.url(`/${tag}/chosen`));
  const sibling = await insertEndpoint(p.partner.id, rx.url(`/${tag}/sibling`));
  const picky = await insertEndpoint(p.partner.id, rx.url(`/${tag}/picky`), { events: ["payment.proof_verified"] });
  const testMode = await insertEndpoint(p.partner.id, rx.url(`/${tag}/test-mode`), { testMode: true });
  return { ...p, chosen, sibling, picky, testMode };
}

const eventCount = (partnerId: string) => db.event.count({ where: { partnerId, type: "webhook.test" } });

describe("send test event", () => {
  it("delivers a signed webhook.test to the chosen endpoint only, listed in GET /api/v1/events", async () => {
    const t = await partnerWithEndpoints("only");
    const res = await call("POST", `/api/v1/webhook_endpoints/${t.chosen.endpoint.id}/test`, { key: t.liveKey });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: "webhook.test", test_mode: false, data: { webhook_endpoint_id: t.chosen.endpoint.id } });
    const eventId = res.body.id as string;
    expect(res.body.deliveries).toEqual([expect.objectContaining({ webhook_endpoint_id: t.chosen.endpoint.id, status: "pending" })]);

    await deliverUntil([t.partner.id], () => settled(eventId));
    const [got] = at("/only/chosen");
    expect(at("/only/chosen")).toHaveLength(1);
    expect(got.headers["webhook-id"]).toBe(eventId);
    const payload = rx.verify(got, t.chosen.secret) as { id: string; type: string; data: { webhook_endpoint_id: string; message: string } };
    expect(payload).toMatchObject({ id: eventId, type: "webhook.test", data: { webhook_endpoint_id: t.chosen.endpoint.id } });
    expect(() => rx.verify(got, t.sibling.secret)).toThrow();
    for (const other of ["/only/sibling", "/only/picky", "/only/test-mode"]) expect(at(other)).toEqual([]);
    expect((await deliveriesOf(eventId)).map((d) => [d.endpointId, d.status])).toEqual([[t.chosen.endpoint.id, "succeeded"]]);

    const listed = await call("GET", "/api/v1/events?type=webhook.test", { key: t.liveKey });
    expect(listed.status).toBe(200);
    expect(listed.body.events.map((e: { id: string }) => e.id)).toEqual([eventId]);
    const detail = await call("GET", `/api/v1/events/${eventId}`, { key: t.liveKey });
    expect(detail.body.deliveries).toEqual([expect.objectContaining({ webhook_endpoint_id: t.chosen.endpoint.id, status: "succeeded", attempts: [expect.objectContaining({ status_code: 200, success: true })] })]);
  });

  it("a subscription filter does not stop it, and redelivery keeps it on the chosen endpoint", async () => {
    const t = await partnerWithEndpoints("redo");
    const res = await call("POST", `/api/v1/webhook_endpoints/${t.picky.endpoint.id}/test`, { key: t.liveKey });
    expect(res.status).toBe(201);
    const eventId = res.body.id as string;
    await deliverUntil([t.partner.id], () => settled(eventId));
    expect(at("/redo/picky")).toHaveLength(1);

    const again = await call("POST", `/api/v1/events/${eventId}/redeliver`, { key: t.liveKey, body: {} });
    expect(again.status).toBe(200);
    expect(again.body.deliveries.map((d: { webhook_endpoint_id: string }) => d.webhook_endpoint_id)).toEqual([t.picky.endpoint.id]);
    await deliverUntil([t.partner.id], () => settled(eventId));
    expect(at("/redo/picky").map((r) => r.headers["webhook-id"])).toEqual([eventId, eventId]);
    for (const other of ["/redo/chosen", "/redo/sibling", "/redo/test-mode"]) expect(at(other)).toEqual([]);

    const elsewhere = await call("POST", `/api/v1/events/${eventId}/redeliver`, { key: t.liveKey, body: { webhook_endpoint_id: t.sibling.endpoint.id } });
    expect(elsewhere.status).toBe(400);
    expect(await db.webhookDelivery.count({ where: { eventId } })).toBe(1);
  });

  it("another partner's endpoint, or the other mode's, is a 404 and emits nothing", async () => {
    const t = await partnerWithEndpoints("tenant");
    const stranger = await makePartner();
    const foreign = await call("POST", `/api/v1/webhook_endpoints/${t.chosen.endpoint.id}/test`, { key: stranger.liveKey });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error).toBe("not_found");
    const otherMode = await call("POST", `/api/v1/webhook_endpoints/${t.chosen.endpoint.id}/test`, { key: t.testKey });
    expect(otherMode.status).toBe(404);
    const malformed = await call("POST", "/api/v1/webhook_endpoints/not-a-uuid/test", { key: t.liveKey });
    expect(malformed.status).toBe(404);
    expect(await eventCount(t.partner.id)).toBe(0);
    expect(await eventCount(stranger.partner.id)).toBe(0);
    // The test-mode key reaches its own test-mode endpoint.
    const own = await call("POST", `/api/v1/webhook_endpoints/${t.testMode.endpoint.id}/test`, { key: t.testKey });
    expect(own.status).toBe(201);
    expect(own.body.test_mode).toBe(true);
  });

  it("needs webhooks:write: a read-only key gets 403 and nothing is emitted", async () => {
    const t = await partnerWithEndpoints("scope");
    const readOnly = await makeKey(t.partner.id, "live", ["webhooks:read"]);
    const res = await call("POST", `/api/v1/webhook_endpoints/${t.chosen.endpoint.id}/test`, { key: readOnly });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe("insufficient_scope");
    expect(await eventCount(t.partner.id)).toBe(0);
  });

  it("a disabled endpoint is refused with 400 and nothing is emitted", async () => {
    const t = await partnerWithEndpoints("off");
    await db.webhookEndpoint.update({ where: { id: t.chosen.endpoint.id }, data: { disabled: true, disabledReason: "test", disabledAt: new Date() } });
    const res = await call("POST", `/api/v1/webhook_endpoints/${t.chosen.endpoint.id}/test`, { key: t.liveKey });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("validation_error");
    expect(await eventCount(t.partner.id)).toBe(0);
  });

  it("the outbox refuses a webhook.test without a target, so it can never fan out", async () => {
    const t = await partnerWithEndpoints("guard");
    await expect(db.$transaction((tx) => emitEvent(tx, { partnerId: t.partner.id, testMode: false, type: "webhook.test", data: {} }))).rejects.toThrow(/targetEndpointId/);
    expect(await eventCount(t.partner.id)).toBe(0);
    // The domain function is what the console button calls too.
    const event = await sendTestEvent({ partnerId: t.partner.id, testMode: false }, t.sibling.endpoint.id);
    expect(event.deliveries.map((d) => d.endpointId)).toEqual([t.sibling.endpoint.id]);
  });
});
