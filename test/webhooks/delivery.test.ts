// Delivery against a real HTTP receiver on loopback, verified with the standardwebhooks library.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { EVENT_TYPES } from "@/lib/events/event-types";
import { claimDeliveries, defaultDeliveryConfig } from "@/lib/webhooks/deliver";
import { rotateEndpointSecret } from "@/lib/webhooks/rotate-endpoint-secret";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";
import { deliverUntil, deliveriesOf, emitTestEvent, partnerWithEndpoint, settled } from "./support/harness";

let rx: WebhookReceiver;
beforeAll(async () => {
  rx = await startWebhookReceiver();
});
afterAll(async () => {
  await rx.close();
});

/** Requests this test's receiver got on its own path. */
const at = (path: string) => rx.received.filter((r) => r.path === path);

describe("webhook delivery", () => {
  it("delivers every event type signed; each verifies and carries the full payload", async () => {
    const path = "/all-types";
    const { partner, endpoint, secret } = await partnerWithEndpoint(rx.url(path));
    const events = [];
    for (const type of EVENT_TYPES) {
      events.push(await emitTestEvent(partner.id, type, { data: { request_id: "r-" + type, metadata: { order_id: `ORD-${type}` } } }));
    }
    await deliverUntil([partner.id], () => at(path).length >= EVENT_TYPES.length);
    const got = at(path);
    expect(new Set(got.map((r) => r.headers["webhook-id"]))).toEqual(new Set(events.map((e) => e.id)));
    for (const r of got) {
      const payload = rx.verify(r, secret) as { id: string; type: string; test_mode: boolean; data: { metadata: { order_id: string } } };
      expect(payload.id).toBe(r.headers["webhook-id"]);
      expect(payload.data.metadata.order_id).toBe(`ORD-${payload.type}`);
      expect(payload.test_mode).toBe(false);
      expect(Object.keys(payload)).toEqual(["id", "type", "created_at", "test_mode", "data"]);
      expect(r.headers["content-type"]).toBe("application/json");
      expect(Math.abs(Number(r.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
    }
    const ds = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
    expect(ds.map((d) => d.status)).toEqual(EVENT_TYPES.map(() => "succeeded"));
  });

  it("connects to a host name through the guarded resolver (switch on)", async () => {
    const path = "/by-name";
    const { partner, secret } = await partnerWithEndpoint(rx.url(path).replace("127.0.0.1", "localhost"));
    const event = await emitTestEvent(partner.id);
    await deliverUntil([partner.id], () => settled(event.id));
    expect((await deliveriesOf(event.id))[0].status).toBe("succeeded");
    expect(rx.verify(at(path)[0], secret)).toMatchObject({ id: event.id });
  });

  it("500, 500, 200: three attempts with growing gaps and the same webhook-id", async () => {
    const path = "/flaky";
    const { partner, secret } = await partnerWithEndpoint(rx.url(path));
    let n = 0;
    rx.respond((r) => (r.path === path ? (n++ < 2 ? { status: 500, body: "boom" } : { status: 200 }) : { status: 200 }));
    const event = await emitTestEvent(partner.id);
    await deliverUntil([partner.id], () => settled(event.id));
    const got = at(path);
    expect(got).toHaveLength(3);
    expect(got.map((r) => r.headers["webhook-id"])).toEqual([event.id, event.id, event.id]);
    for (const r of got) rx.verify(r, secret);
    // Scheduled waits 200 ms then 400 ms, ±10 % jitter: each gap is at least its jittered minimum.
    expect(got[1].at - got[0].at).toBeGreaterThanOrEqual(175);
    expect(got[2].at - got[1].at).toBeGreaterThanOrEqual(355);
    const [d] = await deliveriesOf(event.id);
    expect(d.status).toBe("succeeded");
    expect(d.attempts.map((a) => [a.attemptNumber, a.statusCode, a.success])).toEqual([[1, 500, false], [2, 500, false], [3, 200, true]]);
    expect(d.attempts[0].responseExcerpt).toBe("boom");
    expect(d.attempts[0].error).toBe("HTTP 500");
  });

  it("logs at most 1 KiB of the response body", async () => {
    const path = "/chatty";
    const { partner } = await partnerWithEndpoint(rx.url(path));
    rx.respond((r) => (r.path === path ? { status: 422, body: `x${"é".repeat(3000)}` } : { status: 200 }));
    const event = await emitTestEvent(partner.id);
    await deliverUntil([partner.id], () => settled(event.id), { schedule: [0] });
    const [a] = (await deliveriesOf(event.id))[0].attempts;
    expect(a.statusCode).toBe(422);
    expect(Buffer.byteLength(a.responseExcerpt ?? "")).toBeLessThanOrEqual(1024);
    expect(a.responseExcerpt).toBe(`x${"é".repeat(511)}`); // the character cut at byte 1024 is left out whole
  });

  it("a 3xx is a failure and the redirect is never followed", async () => {
    const path = "/moved";
    const { partner } = await partnerWithEndpoint(rx.url(path));
    rx.respond((r) => (r.path === path ? { redirect: rx.url("/moved-target"), status: 302 } : { status: 200 }));
    const event = await emitTestEvent(partner.id);
    await deliverUntil([partner.id], () => settled(event.id), { schedule: [0, 50] });
    expect(at(path)).toHaveLength(2);
    expect(at("/moved-target")).toHaveLength(0);
    const [d] = await deliveriesOf(event.id);
    expect(d.status).toBe("failed");
    expect(d.attempts.every((a) => a.statusCode === 302 && !a.success && /redirect 302 not followed/.test(a.error ?? ""))).toBe(true);
  });

  it("a hanging receiver times out and the delivery is retried", async () => {
    const path = "/hang-once";
    const { partner } = await partnerWithEndpoint(rx.url(path));
    let n = 0;
    rx.respond((r) => (r.path === path && n++ === 0 ? { hang: true } : { status: 204 }));
    const event = await emitTestEvent(partner.id);
    await deliverUntil([partner.id], () => settled(event.id), { timeoutMs: 300, leaseMs: 3_000 });
    const [d] = await deliveriesOf(event.id);
    expect(d.status).toBe("succeeded");
    expect(d.attempts.map((a) => [a.statusCode, a.success])).toEqual([[null, false], [204, true]]);
    expect(d.attempts[0].error).toBe("timeout after 300 ms");
    expect(at(path).map((r) => r.headers["webhook-id"])).toEqual([event.id, event.id]);
  });

  it("410 Gone disables the endpoint, fails its queue and writes a partner notice", async () => {
    const path = "/gone";
    const { partner, endpoint } = await partnerWithEndpoint(rx.url(path));
    rx.respond((r) => (r.path === path ? { status: 410 } : { status: 200 }));
    const first = await emitTestEvent(partner.id);
    await deliverUntil([partner.id], () => settled(first.id));
    const ep = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(ep.disabled).toBe(true);
    expect(ep.disabledReason).toMatch(/410/);
    expect((await deliveriesOf(first.id))[0].status).toBe("failed");
    expect(at(path)).toHaveLength(1); // no retries after 410
    const notices = await db.partnerNotice.findMany({ where: { partnerId: partner.id } });
    expect(notices.map((n) => n.kind)).toEqual(["webhook_endpoint_disabled"]);
    // A disabled endpoint gets no new deliveries.
    const later = await emitTestEvent(partner.id);
    expect(await deliveriesOf(later.id)).toHaveLength(0);
  });

  it("a signing secret that will not open is a recorded failed attempt on the schedule, and nothing unsigned is sent", async () => {
    const path = "/sealed-elsewhere";
    const { partner, endpoint } = await partnerWithEndpoint(rx.url(path));
    // As if sealed under another JOPAY_SECRET: well-formed, but its authentication tag fails.
    const [version, data] = endpoint.secretSealed.split(":");
    const bytes = Buffer.from(data, "base64url");
    bytes[bytes.length - 1] ^= 0xff;
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { secretSealed: `${version}:${bytes.toString("base64url")}` } });
    const event = await emitTestEvent(partner.id);
    await deliverUntil([partner.id], () => settled(event.id));
    const [d] = await deliveriesOf(event.id);
    expect(d.status).toBe("failed");
    expect(d.attempts.map((a) => [a.attemptNumber, a.statusCode, a.success])).toEqual([[1, null, false], [2, null, false], [3, null, false]]);
    expect(d.attempts[0].error).toMatch(/signing secret could not be opened/);
    expect(at(path)).toHaveLength(0);
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).failingSince).not.toBeNull();
  });

  it("exhausted retries leave the delivery failed; redelivery resends with the same webhook-id", async () => {
    const path = "/down";
    const { partner, liveKey, secret } = await partnerWithEndpoint(rx.url(path));
    let up = false;
    rx.respond((r) => (r.path === path && !up ? { status: 503, body: "maintenance" } : { status: 200 }));
    const event = await emitTestEvent(partner.id);
    await deliverUntil([partner.id], () => settled(event.id), { schedule: [0, 50, 50] });
    const failed = await deliveriesOf(event.id);
    expect(failed[0].status).toBe("failed");
    expect(failed[0].attempts).toHaveLength(3);

    const { call } = await import("@/test/support/call-route");
    const shown = await call("GET", `/api/v1/events/${event.id}`, { key: liveKey });
    expect(shown.status).toBe(200);
    expect(shown.body.deliveries[0]).toMatchObject({ status: "failed", attempt_count: 3, last_status_code: 503 });
    expect(shown.body.deliveries[0].attempts.map((a: { status_code: number }) => a.status_code)).toEqual([503, 503, 503]);

    up = true;
    const re = await call("POST", `/api/v1/events/${event.id}/redeliver`, { key: liveKey });
    expect(re.status).toBe(200);
    expect(re.body.deliveries[0]).toMatchObject({ status: "pending", attempt_count: 0 });
    await deliverUntil([partner.id], () => settled(event.id));
    const got = at(path);
    expect(got).toHaveLength(4);
    expect(new Set(got.map((r) => r.headers["webhook-id"]))).toEqual(new Set([event.id]));
    rx.verify(got[3], secret);
    const [d] = await deliveriesOf(event.id);
    expect(d.status).toBe("succeeded");
    expect(d.attempts.map((a) => a.attemptNumber)).toEqual([1, 2, 3, 4]);
  });

  it("an endpoint failing for 5 days is disabled with a notice", async () => {
    const path = "/failing-for-days";
    const { partner, endpoint } = await partnerWithEndpoint(rx.url(path));
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: new Date(Date.now() - 5 * 86_400_000 - 60_000) } });
    rx.respond((r) => (r.path === path ? { status: 500 } : { status: 200 }));
    const event = await emitTestEvent(partner.id);
    await deliverUntil([partner.id], () => settled(event.id), { schedule: [0, 60_000] });
    const ep = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(ep.disabled).toBe(true);
    expect(ep.disabledReason).toMatch(/failed for 5 days/);
    expect((await deliveriesOf(event.id))[0].status).toBe("failed");
    expect(await db.partnerNotice.count({ where: { partnerId: partner.id, kind: "webhook_endpoint_disabled" } })).toBe(1);
  });

  it("a success ends the failure streak", async () => {
    const path = "/recovers";
    const { partner, endpoint } = await partnerWithEndpoint(rx.url(path));
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: new Date(Date.now() - 86_400_000) } });
    const event = await emitTestEvent(partner.id);
    await deliverUntil([partner.id], () => settled(event.id));
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).failingSince).toBeNull();
  });

  it("during rotation both the new and the old secret verify a delivery", async () => {
    const path = "/rotating";
    const { partner, endpoint, secret: oldSecret } = await partnerWithEndpoint(rx.url(path));
    const { secret: newSecret } = await rotateEndpointSecret({ partnerId: partner.id, testMode: false }, endpoint.id);
    const event = await emitTestEvent(partner.id);
    await deliverUntil([partner.id], () => settled(event.id));
    const [r] = at(path);
    expect(String(r.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(rx.verify(r, newSecret)).toMatchObject({ id: event.id });
    expect(rx.verify(r, oldSecret)).toMatchObject({ id: event.id });
  });

  it("after the overlap only the new secret signs", async () => {
    const path = "/rotated";
    const { partner, endpoint, secret: oldSecret } = await partnerWithEndpoint(rx.url(path));
    const { secret: newSecret } = await rotateEndpointSecret({ partnerId: partner.id, testMode: false }, endpoint.id, new Date(Date.now() - 25 * 3_600_000));
    const event = await emitTestEvent(partner.id);
    await deliverUntil([partner.id], () => settled(event.id));
    const [r] = at(path);
    expect(rx.verify(r, newSecret)).toMatchObject({ id: event.id });
    expect(() => rx.verify(r, oldSecret)).toThrow();
  });

  it("a slow endpoint occupies only its own slots: the others keep flowing", async () => {
    const slow = await partnerWithEndpoint(rx.url("/slow"));
    const fast = await partnerWithEndpoint(rx.url("/fast"));
    rx.respond((r) => (r.path === "/slow" ? { hang: true } : { status: 200 }));
    for (let i = 0; i < 8; i++) {
      await emitTestEvent(slow.partner.id);
      await emitTestEvent(fast.partner.id);
    }
    await deliverUntil([slow.partner.id, fast.partner.id], () => at("/fast").length >= 8, { timeoutMs: 3_000, leaseMs: 8_000, perEndpoint: 4 }, 15_000);
    // The 8 fast deliveries all arrived while the slow endpoint held at most its 4 slots.
    expect(at("/slow").length).toBeLessThanOrEqual(4);
    expect(new Set(at("/fast").map((r) => r.headers["webhook-id"])).size).toBe(8);
  });

  it("a failing endpoint gets one attempt in flight, and only the slots the working ones leave", async () => {
    const failing = await partnerWithEndpoint(rx.url("/failing-claims"));
    const healthy = await partnerWithEndpoint(rx.url("/healthy-claims"));
    await db.webhookEndpoint.update({ where: { id: failing.endpoint.id }, data: { failingSince: new Date(Date.now() - 3_600_000) } });
    for (let i = 0; i < 6; i++) await emitTestEvent(failing.partner.id); // older: due first by time
    for (let i = 0; i < 3; i++) await emitTestEvent(healthy.partner.id);
    const cfg = defaultDeliveryConfig({ partnerIds: [failing.partner.id, healthy.partner.id], perEndpoint: 4 });

    const first = await claimDeliveries("fair-test-1", cfg, 4);
    const count = (claims: typeof first, endpointId: string) => claims.filter((c) => c.endpointId === endpointId).length;
    expect(count(first, healthy.endpoint.id)).toBe(3);
    expect(count(first, failing.endpoint.id)).toBe(1);
    // With its one attempt in flight, the failing endpoint gets no more, however many slots are free.
    const more = await claimDeliveries("fair-test-2", cfg, 32, new Map([[failing.endpoint.id, 1]]));
    expect(more).toEqual([]);
    // A healthy endpoint still gets up to perEndpoint.
    for (let i = 0; i < 6; i++) await emitTestEvent(healthy.partner.id);
    expect(count(await claimDeliveries("fair-test-3", cfg, 32, new Map([[failing.endpoint.id, 1]])), healthy.endpoint.id)).toBe(4);
  });
});
