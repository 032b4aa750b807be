// Events API: list with filters and pagination, one event with its deliveries, redelivery, scopes
// and tenant + mode isolation.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { call } from "@/test/support/call-route";
import { makeKey, makePartner } from "@/test/support/fixtures";
import { emitTestEvent, insertEndpoint } from "./support/harness";

const MISSING_EVT = "evt_00000000000070008000000000000000";
let me: Awaited<ReturnType<typeof makePartner>>;
let other: Awaited<ReturnType<typeof makePartner>>;

beforeAll(async () => {
  me = await makePartner();
  other = await makePartner();
});

describe("events API", () => {
  it("lists the partner's events of the key's mode, newest first, filtered by type and time", async () => {
    const p = await makePartner();
    const a = await emitTestEvent(p.partner.id, "payment.proof_attached");
    const b = await emitTestEvent(p.partner.id, "payment.proof_verified");
    const c = await emitTestEvent(p.partner.id, "payment.proof_verified");
    const t = await emitTestEvent(p.partner.id, "payment.proof_verified", { testMode: true });

    const all = await call("GET", "/api/v1/events", { key: p.liveKey });
    expect(all.status).toBe(200);
    expect(all.body.events.map((e: { id: string }) => e.id)).toEqual([c.id, b.id, a.id]);
    expect(all.body).toMatchObject({ has_more: false, limit: 50, offset: 0 });
    expect(all.body.events[0]).toMatchObject({ type: "payment.proof_verified", test_mode: false, deliveries: [] });
    expect(all.body.events[0].data.metadata.order_id).toMatch(/^ORD-/);

    const typed = await call("GET", "/api/v1/events?type=payment.proof_attached", { key: p.liveKey });
    expect(typed.body.events.map((e: { id: string }) => e.id)).toEqual([a.id]);
    const since = await call("GET", `/api/v1/events?since=${encodeURIComponent(b.createdAt.toISOString())}`, { key: p.liveKey });
    expect(since.body.events.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([b.id, c.id]));
    expect(since.body.events.map((e: { id: string }) => e.id)).not.toContain(a.id);
    const until = await call("GET", `/api/v1/events?until=${encodeURIComponent(b.createdAt.toISOString())}`, { key: p.liveKey });
    expect(until.body.events.map((e: { id: string }) => e.id)).not.toContain(b.id);

    const page = await call("GET", "/api/v1/events?limit=2", { key: p.liveKey });
    expect(page.body.events).toHaveLength(2);
    expect(page.body.has_more).toBe(true);
    const page2 = await call("GET", "/api/v1/events?limit=2&offset=2", { key: p.liveKey });
    expect(page2.body.events.map((e: { id: string }) => e.id)).toEqual([a.id]);

    const testList = await call("GET", "/api/v1/events", { key: p.testKey });
    expect(testList.body.events.map((e: { id: string }) => e.id)).toEqual([t.id]);

    const bad = await call("GET", "/api/v1/events?type=nope&limit=500&since=yesterday", { key: p.liveKey });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(["limit", "since", "type"]);
  });

  it("shows one event with its deliveries; redeliver queues it again for enabled subscribed endpoints", async () => {
    const p = await makePartner();
    const sub = await insertEndpoint(p.partner.id, "https://hooks.example.com/sub");
    const event = await emitTestEvent(p.partner.id, "request.voided");
    await db.webhookDelivery.updateMany({ where: { eventId: event.id }, data: { status: "failed", attemptCount: 8, lastStatusCode: 500, lastError: "HTTP 500" } });
    // Registered after the event: redelivery includes it. Unsubscribed and disabled ones: not.
    const late = await insertEndpoint(p.partner.id, "https://hooks.example.com/late");
    await insertEndpoint(p.partner.id, "https://hooks.example.com/other-type", { events: ["payment.proof_verified"] });
    const off = await insertEndpoint(p.partner.id, "https://hooks.example.com/off");
    await db.webhookEndpoint.update({ where: { id: off.endpoint.id }, data: { disabled: true } });

    const shown = await call("GET", `/api/v1/events/${event.id}`, { key: p.liveKey });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ ok: true, id: event.id, type: "request.voided", test_mode: false });
    expect(shown.body.deliveries).toEqual([
      expect.objectContaining({ webhook_endpoint_id: sub.endpoint.id, status: "failed", attempt_count: 8, next_attempt_at: null, attempts: [] }),
    ]);

    const re = await call("POST", `/api/v1/events/${event.id}/redeliver`, { key: p.liveKey });
    expect(re.status).toBe(200);
    expect(re.body.id).toBe(event.id);
    const byEndpoint = Object.fromEntries(re.body.deliveries.map((d: { webhook_endpoint_id: string; status: string }) => [d.webhook_endpoint_id, d.status]));
    expect(byEndpoint).toEqual({ [sub.endpoint.id]: "pending", [late.endpoint.id]: "pending" });

    const one = await call("POST", `/api/v1/events/${event.id}/redeliver`, { key: p.liveKey, body: { webhook_endpoint_id: off.endpoint.id } });
    expect(one.status).toBe(400);
    expect(one.body.details[0].field).toBe("webhook_endpoint_id");
  });

  it("scopes: reading needs webhooks:read, redelivering webhooks:write", async () => {
    const event = await emitTestEvent(me.partner.id);
    const readOnly = await makeKey(me.partner.id, "live", ["webhooks:read"]);
    const writeOnly = await makeKey(me.partner.id, "live", ["webhooks:write"]);
    expect((await call("GET", "/api/v1/events", { key: writeOnly })).body).toMatchObject({ error: "insufficient_scope", required_scope: "webhooks:read" });
    expect((await call("GET", `/api/v1/events/${event.id}`, { key: writeOnly })).status).toBe(403);
    const r = await call("POST", `/api/v1/events/${event.id}/redeliver`, { key: readOnly });
    expect(r.status).toBe(403);
    expect(r.body.required_scope).toBe("webhooks:write");
    expect((await call("GET", `/api/v1/events/${event.id}`, { key: readOnly })).status).toBe(200);
  });

  describe("isolation", () => {
    const probes = (id: string): [string, string][] => [
      ["GET", `/api/v1/events/${id}`],
      ["POST", `/api/v1/events/${id}/redeliver`],
    ];
    async function walk(key: string, id: string) {
      for (const [i, [m, path]] of probes(id).entries()) {
        const missing = await call(m, probes(MISSING_EVT)[i][1], { key });
        const probe = await call(m, path, { key });
        expect(missing.status).toBe(404);
        expect(probe.status, `${m} ${path}`).toBe(404);
        expect(probe.text).toBe(missing.text);
      }
      expect((await call("GET", "/api/v1/events/evt_not-an-id", { key })).status).toBe(404);
    }

    it("cross-tenant: another partner's event is a 404 identical to a missing one and is not requeued", async () => {
      await insertEndpoint(other.partner.id, "https://hooks.example.com/theirs");
      const theirs = await emitTestEvent(other.partner.id);
      await db.webhookDelivery.updateMany({ where: { eventId: theirs.id }, data: { status: "succeeded" } });
      await walk(me.liveKey, theirs.id);
      expect((await db.webhookDelivery.findFirstOrThrow({ where: { eventId: theirs.id } })).status).toBe("succeeded");
      const list = await call("GET", "/api/v1/events?limit=100", { key: me.liveKey });
      expect(list.text).not.toContain(theirs.id);
    });

    it("cross-mode: the live key cannot see the partner's own test-mode event", async () => {
      const testEvent = await emitTestEvent(me.partner.id, "payment.proof_verified", { testMode: true });
      await walk(me.liveKey, testEvent.id);
      expect((await call("GET", `/api/v1/events/${testEvent.id}`, { key: me.testKey })).status).toBe(200);
    });

    it("redeliver to another partner's endpoint id is refused like an unknown endpoint", async () => {
      const event = await emitTestEvent(me.partner.id);
      const theirs = await insertEndpoint(other.partner.id, "https://hooks.example.com/theirs2");
      const res = await call("POST", `/api/v1/events/${event.id}/redeliver`, { key: me.liveKey, body: { webhook_endpoint_id: theirs.endpoint.id } });
      expect(res.status).toBe(400);
      expect(await db.webhookDelivery.count({ where: { eventId: event.id, endpointId: theirs.endpoint.id } })).toBe(0);
    });
  });
});
