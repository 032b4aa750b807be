// The error table end to end (SPEC §4): statuses, codes, bodies; nothing unexpected is a 500.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { generateKey } from "@/lib/api-keys/key-format";
import { call } from "@/test/support/call-route";
import { makeKey } from "@/test/support/fixtures";
import { makeTenant } from "./helpers";
import * as catchAll from "@/app/api/[...path]/route";
import { StaticFxProvider } from "@/lib/fx/providers/static-provider";
import { setFxProviderForTests } from "@/lib/fx/rates";

let t: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  t = await makeTenant();
});

const CREATE = "/api/v1/requests/create";

describe("body handling", () => {
  it.each([["{"], ['{"merchant_id": }'], ["not json"], ["{'a':1}"]])("invalid_json for %j", async (raw) => {
    const res = await call("POST", CREATE, { key: t.liveKey, rawBody: raw, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ok: false, error: "invalid_json", message: expect.any(String) });
  });

  it("413 payload_too_large for a body over 64 KiB, by header or by counting", async () => {
    const big = JSON.stringify({ memo: "x".repeat(70_000) });
    const res = await call("POST", CREATE, { key: t.liveKey, rawBody: big, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(413);
    expect(res.body.error).toBe("payload_too_large");
    // A stream without Content-Length is counted as it arrives.
    const { POST } = await import("@/app/api/v1/requests/create/route");
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 70; i++) c.enqueue(new TextEncoder().encode("x".repeat(1024)));
        c.close();
      },
    });
    const req = new Request("http://localhost/api/v1/requests/create", {
      method: "POST",
      headers: { authorization: `Bearer ${t.liveKey}` },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const r2 = await POST(req, { params: Promise.resolve({}) });
    expect(r2.status).toBe(413);
  });

  it("a body of exactly 64 KiB is parsed (and then validated)", async () => {
    const pad = 64 * 1024 - JSON.stringify({ memo: "" }).length;
    const raw = JSON.stringify({ memo: "x".repeat(pad) });
    expect(Buffer.byteLength(raw)).toBe(64 * 1024);
    const res = await call("POST", CREATE, { key: t.liveKey, rawBody: raw, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("validation_error");
  });

  it.each([["[]"], ['"x"'], ["42"], ["null"]])("a non-object body %s is a validation_error, not a 500", async (raw) => {
    const res = await call("POST", CREATE, { key: t.liveKey, rawBody: raw, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("validation_error");
  });

  it("an empty body names every required field", async () => {
    const res = await call("POST", CREATE, { key: t.liveKey });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(["fiat_amount_int", "merchant_id"]);
  });
});

describe("authentication (401 unauthorized)", () => {
  it("missing, malformed, unknown, revoked, expired keys and disabled partners all get the same body", async () => {
    const revoked = await makeKey(t.partner.id, "live");
    const expired = await makeKey(t.partner.id, "live");
    await db.apiKey.updateMany({ where: { displayPrefix: revoked.slice(0, 12), partnerId: t.partner.id }, data: { revokedAt: new Date() } });
    await db.apiKey.updateMany({ where: { displayPrefix: expired.slice(0, 12), partnerId: t.partner.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const disabled = await makeTenant();
    await db.partner.update({ where: { id: disabled.partner.id }, data: { disabled: true } });
    const cases: (string | undefined)[] = [undefined, "jo_live_short", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", generateKey("live"), revoked, expired, disabled.liveKey, t.liveKey.replace("jo_live_", "jo_test_")];
    const bodies = new Set<string>();
    for (const key of cases) {
      const res = await call("GET", "/api/v1/requests", { key });
      expect(res.status, String(key)).toBe(401);
      expect(res.headers.get("x-request-id")).toBeTruthy();
      bodies.add(res.text);
    }
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0])).toEqual({ ok: false, error: "unauthorized", message: expect.any(String) });
  });
});

describe("unknown paths and methods", () => {
  it("any unknown /api/v1 path is a JSON 404 not_found", async () => {
    for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
      const res = await catchAll[m](new Request("http://localhost:3000/api/v9/nope", { method: m }));
      expect(res.status).toBe(404);
      expect(res.headers.get("x-request-id")).toBeTruthy();
      expect(await res.json()).toEqual({ ok: false, error: "not_found", message: "No such API path." });
    }
  });

  it("the public and non-API routes under /api answer other methods with the JSON 405 and their Allow", async () => {
    const { NON_API_ROUTES } = await import("@/lib/api/allowed-methods");
    for (const route of NON_API_ROUTES) {
      const concrete = route.path.replace(/\{\w+\}/g, "0191a3b0-0000-7000-8000-000000000000");
      for (const m of (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).filter((x) => x !== route.method.toUpperCase())) {
        const res = await call(m, concrete);
        expect(res.status, `${m} ${route.path}`).toBe(405);
        expect(res.body).toMatchObject({ ok: false, error: "method_not_allowed" });
        expect(res.headers.get("allow")).toBe(route.method.toUpperCase());
      }
    }
  });

  it("a method a route does not serve is the JSON 405 (every route: openapi.test.ts)", async () => {
    const res = await call("DELETE", "/api/v1/requests", { key: t.liveKey });
    expect(res.status).toBe(405);
    expect(res.body).toMatchObject({ ok: false, error: "method_not_allowed" });
    expect(res.headers.get("allow")).toBe("GET");
    expect((await call("GET", "/api/v1/requests/create", { key: t.liveKey })).status).toBe(405);
  });
});

describe("FX", () => {
  it("GET /api/v1/fx/rates returns the rate a create would use", async () => {
    const res = await call("GET", "/api/v1/fx/rates?currency=eur", { key: t.testKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, currency: "EUR", usd_per_unit: "1.1", source: "static" });
    const bad = await call("GET", "/api/v1/fx/rates?currency=EURO", { key: t.testKey });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe("currency");
    const missing = await call("GET", "/api/v1/fx/rates", { key: t.testKey });
    expect(missing.status).toBe(400);
  });

  it("503 fx_unavailable when the source has no rate or only a stale one, and nothing is created", async () => {
    const before = await db.paymentRequest.count({ where: { partnerId: t.partner.id } });
    setFxProviderForTests(new StaticFxProvider("USD=1"));
    try {
      const res = await call("POST", CREATE, { key: t.liveKey, body: { merchant_id: t.merchant.id, fiat_amount_int: 100 } });
      expect(res.status).toBe(503);
      expect(res.body.error).toBe("fx_unavailable");
      const rate = await call("GET", "/api/v1/fx/rates?currency=EUR", { key: t.liveKey });
      expect(rate.status).toBe(503);
      const old = new Date(Date.now() - 3 * 86_400_000);
      setFxProviderForTests({ name: "ecb", quote: async (c) => ({ currency: c, usdPerUnit: "1.1", source: "ecb", asOf: old, fetchedAt: old }) });
      const stale = await call("POST", CREATE, { key: t.liveKey, body: { merchant_id: t.merchant.id, fiat_amount_int: 100 } });
      expect(stale.status).toBe(503);
      expect(stale.body.error).toBe("fx_unavailable");
      setFxProviderForTests({ name: "ecb", quote: async () => { throw new Error("network down"); } });
      expect((await call("GET", "/api/v1/fx/rates?currency=EUR", { key: t.liveKey })).body.error).toBe("fx_unavailable");
    } finally {
      setFxProviderForTests(undefined);
    }
    expect(await db.paymentRequest.count({ where: { partnerId: t.partner.id } })).toBe(before);
  });
});
