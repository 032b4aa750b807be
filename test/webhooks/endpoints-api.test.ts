// Webhook endpoints API through the real route handlers: shapes, secret shown once, rotation,
// update/delete, scopes, and tenant + mode isolation (same 404 body as a missing id).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { openSecret } from "@/lib/webhooks/secret-box";
import { call } from "@/test/support/call-route";
import { makeKey, makePartner } from "@/test/support/fixtures";

const MISSING = "00000000-0000-7000-8000-000000000000";
let me: Awaited<ReturnType<typeof makePartner>>;
let other: Awaited<ReturnType<typeof makePartner>>;

beforeAll(async () => {
  me = await makePartner();
  other = await makePartner();
});

const create = (key: string, body: Record<string, unknown> = {}) =>
  call("POST", "/api/v1/webhook_endpoints", { key, body: { url: "http://127.0.0.1:9/hook", ...body } });

describe("webhook endpoints API", () => {
  it("creates an endpoint, returns the secret once and stores it sealed", async () => {
    const res = await create(me.liveKey, { description: "orders", events: ["payment.proof_verified", "payment.proof_verified"] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ok: true,
      url: "http://127.0.0.1:9/hook",
      description: "orders",
      events: ["payment.proof_verified"],
      disabled: false,
      disabled_reason: null,
      previous_secret_expires_at: null,
      test_mode: false,
    });
    const { secret, webhook_endpoint_id: id } = res.body;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(row.secretSealed).not.toContain(secret.slice(6));
    expect(openSecret(row.secretSealed, id)).toBe(secret);

    const got = await call("GET", `/api/v1/webhook_endpoints/${id}`, { key: me.liveKey });
    expect(got.status).toBe(200);
    expect(got.body.secret).toBeUndefined();
    expect(got.text).not.toContain(secret);
    const list = await call("GET", "/api/v1/webhook_endpoints", { key: me.liveKey });
    expect(list.body.webhook_endpoints.map((e: { webhook_endpoint_id: string }) => e.webhook_endpoint_id)).toContain(id);
    expect(list.text).not.toContain("whsec_");
    expect(list.body).toMatchObject({ has_more: false, limit: 50, offset: 0 });
  });

  it("validates input with every failing field named", async () => {
    const res = await call("POST", "/api/v1/webhook_endpoints", { key: me.liveKey, body: { url: "", events: ["payment.nope"], extra: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("validation_error");
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["url", "events.0"]));
    const bad = await create(me.liveKey, { url: "ftp://example.com/x" });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: "url", issue: "must use https" }]);
    const meta = await create(me.liveKey, { url: "http://169.254.169.254/latest" });
    expect(meta.status).toBe(400);
    expect(meta.body.details[0].issue).toMatch(/metadata/);
  });

  it("rotates the secret: new secret shown once, the old one keeps signing for 24 h", async () => {
    const { body: created } = await create(me.liveKey);
    const res = await call("POST", `/api/v1/webhook_endpoints/${created.webhook_endpoint_id}/rotate_secret`, { key: me.liveKey });
    expect(res.status).toBe(200);
    expect(res.body.secret).toMatch(/^whsec_/);
    expect(res.body.secret).not.toBe(created.secret);
    const overlapHours = (Date.parse(res.body.previous_secret_expires_at) - Date.now()) / 3_600_000;
    expect(overlapHours).toBeGreaterThan(23.9);
    expect(overlapHours).toBeLessThanOrEqual(24);
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.webhook_endpoint_id } });
    expect(openSecret(row.secretSealed, row.id)).toBe(res.body.secret);
    expect(openSecret(row.previousSecretSealed!, row.id)).toBe(created.secret);
  });

  it("updates url, events and description; disabling and re-enabling", async () => {
    const { body: created } = await create(me.liveKey);
    const id = created.webhook_endpoint_id;
    const upd = await call("PATCH", `/api/v1/webhook_endpoints/${id}`, { key: me.liveKey, body: { url: "http://127.0.0.1:10/new", events: ["request.voided"], description: null } });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ url: "http://127.0.0.1:10/new", events: ["request.voided"], description: null });
    const off = await call("PATCH", `/api/v1/webhook_endpoints/${id}`, { key: me.liveKey, body: { disabled: true } });
    expect(off.body).toMatchObject({ disabled: true, disabled_reason: "disabled by the partner" });
    await db.webhookEndpoint.update({ where: { id }, data: { failingSince: new Date() } });
    const on = await call("PATCH", `/api/v1/webhook_endpoints/${id}`, { key: me.liveKey, body: { disabled: false } });
    expect(on.body).toMatchObject({ disabled: false, disabled_reason: null, disabled_at: null });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id } })).failingSince).toBeNull();
    const empty = await call("PATCH", `/api/v1/webhook_endpoints/${id}`, { key: me.liveKey, body: {} });
    expect(empty.status).toBe(400);
    const bad = await call("PATCH", `/api/v1/webhook_endpoints/${id}`, { key: me.liveKey, body: { url: "http://169.254.169.254/" } });
    expect(bad.status).toBe(400);
  });

  it("deletes an endpoint with its delivery log; the id is then a 404", async () => {
    const { body: created } = await create(me.liveKey);
    const id = created.webhook_endpoint_id;
    const del = await call("DELETE", `/api/v1/webhook_endpoints/${id}`, { key: me.liveKey });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ ok: true, webhook_endpoint_id: id, deleted: true });
    expect((await call("GET", `/api/v1/webhook_endpoints/${id}`, { key: me.liveKey })).status).toBe(404);
  });

  it("paginates with has_more", async () => {
    const p = await makePartner();
    for (let i = 0; i < 3; i++) await create(p.liveKey);
    const page = await call("GET", "/api/v1/webhook_endpoints?limit=2", { key: p.liveKey });
    expect(page.body.webhook_endpoints).toHaveLength(2);
    expect(page.body.has_more).toBe(true);
    const rest = await call("GET", "/api/v1/webhook_endpoints?limit=2&offset=2", { key: p.liveKey });
    expect(rest.body.webhook_endpoints).toHaveLength(1);
    expect(rest.body.has_more).toBe(false);
  });

  it("scopes: reads need webhooks:read, writes webhooks:write", async () => {
    const { body: created } = await create(me.liveKey);
    const id = created.webhook_endpoint_id;
    const readOnly = await makeKey(me.partner.id, "live", ["webhooks:read"]);
    const writeOnly = await makeKey(me.partner.id, "live", ["webhooks:write"]);
    const neither = await makeKey(me.partner.id, "live", ["requests:read", "requests:write"]);
    const writes: [string, string, unknown?][] = [
      ["POST", "/api/v1/webhook_endpoints", { url: "http://127.0.0.1:9/x" }],
      ["PATCH", `/api/v1/webhook_endpoints/${id}`, { description: "x" }],
      ["POST", `/api/v1/webhook_endpoints/${id}/rotate_secret`],
      ["DELETE", `/api/v1/webhook_endpoints/${id}`],
    ];
    const reads: [string, string][] = [
      ["GET", "/api/v1/webhook_endpoints"],
      ["GET", `/api/v1/webhook_endpoints/${id}`],
    ];
    for (const [m, path, body] of writes) {
      for (const key of [readOnly, neither]) {
        const r = await call(m, path, { key, body });
        expect(r.status, `${m} ${path}`).toBe(403);
        expect(r.body).toMatchObject({ error: "insufficient_scope", required_scope: "webhooks:write" });
      }
    }
    for (const [m, path] of reads) {
      for (const key of [writeOnly, neither]) {
        const r = await call(m, path, { key });
        expect(r.status, `${m} ${path}`).toBe(403);
        expect(r.body).toMatchObject({ error: "insufficient_scope", required_scope: "webhooks:read" });
      }
    }
    expect((await call("GET", `/api/v1/webhook_endpoints/${id}`, { key: readOnly })).status).toBe(200);
    expect((await db.webhookEndpoint.findUnique({ where: { id } }))?.description).toBe(created.description);
    expect((await call("GET", "/api/v1/webhook_endpoints")).status).toBe(401);
  });

  describe("isolation", () => {
    const probes = (id: string): [string, string, unknown?][] => [
      ["GET", `/api/v1/webhook_endpoints/${id}`],
      ["PATCH", `/api/v1/webhook_endpoints/${id}`, { description: "pwned" }],
      ["POST", `/api/v1/webhook_endpoints/${id}/rotate_secret`],
      ["DELETE", `/api/v1/webhook_endpoints/${id}`],
    ];

    async function walk(key: string, targetId: string) {
      for (const [i, [m, path, body]] of probes(targetId).entries()) {
        const [, missingPath] = probes(MISSING)[i];
        const missing = await call(m, missingPath, { key, body });
        const probe = await call(m, path, { key, body });
        expect(missing.status, `${m} ${path}`).toBe(404);
        expect(probe.status, `${m} ${path}`).toBe(404);
        expect(probe.text, `${m} ${path}`).toBe(missing.text);
      }
      const malformed = await call("GET", "/api/v1/webhook_endpoints/not-a-uuid", { key });
      expect(malformed.status).toBe(404);
    }

    it("cross-tenant: another partner's endpoint is a 404 identical to a missing one, and untouched", async () => {
      const { body: theirs } = await create(other.liveKey, { description: "theirs" });
      await walk(me.liveKey, theirs.webhook_endpoint_id);
      const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: theirs.webhook_endpoint_id } });
      expect(row.description).toBe("theirs");
      expect(openSecret(row.secretSealed, row.id)).toBe(theirs.secret);
      const list = await call("GET", "/api/v1/webhook_endpoints?limit=100", { key: me.liveKey });
      expect(list.text).not.toContain(theirs.webhook_endpoint_id);
    });

    it("cross-mode: the live key cannot see or touch the partner's own test-mode endpoint", async () => {
      const { body: testEp } = await create(me.testKey, { description: "test mode" });
      expect(testEp.test_mode).toBe(true);
      await walk(me.liveKey, testEp.webhook_endpoint_id);
      expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: testEp.webhook_endpoint_id } })).description).toBe("test mode");
      const liveList = await call("GET", "/api/v1/webhook_endpoints?limit=100", { key: me.liveKey });
      expect(liveList.text).not.toContain(testEp.webhook_endpoint_id);
      const testList = await call("GET", "/api/v1/webhook_endpoints?limit=100", { key: me.testKey });
      expect(testList.body.webhook_endpoints.every((e: { test_mode: boolean }) => e.test_mode)).toBe(true);
    });
  });
});
