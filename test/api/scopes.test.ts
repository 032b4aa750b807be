// Every endpoint refuses a key without its scope (403 insufficient_scope naming it) and admits a
// key holding only that scope.
import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "@/lib/api-keys/scopes";
import { SCOPES } from "@/lib/api-keys/scopes";
import { call } from "@/test/support/call-route";
import { makeKey } from "@/test/support/fixtures";
import { makeTenant } from "./helpers";

let t: Awaited<ReturnType<typeof makeTenant>>;
let requestId = "";
let shellId = "";
beforeAll(async () => {
  t = await makeTenant();
  requestId = (await call("POST", "/api/v1/requests/create", { key: t.liveKey, body: { merchant_id: t.merchant.id, fiat_amount_int: 100 } })).body.request_id;
  shellId = (await call("POST", "/api/v1/merchants", { key: t.liveKey, body: {} })).body.merchant_id;
});

const endpoints: [string, string, () => string, Scope | null, () => unknown][] = [
  ["POST", "/api/v1/requests/create", () => "/api/v1/requests/create", "requests:write", () => ({ merchant_id: t.merchant.id, fiat_amount_int: 100 })],
  ["GET", "/api/v1/requests", () => "/api/v1/requests", "requests:read", () => undefined],
  ["GET", "/api/v1/requests/:id", () => `/api/v1/requests/${requestId}`, "requests:read", () => undefined],
  ["POST", "/api/v1/requests/:id/cancel", () => `/api/v1/requests/${requestId}/cancel`, "requests:write", () => undefined],
  ["POST", "/api/v1/merchants", () => "/api/v1/merchants", "merchants:write", () => ({})],
  ["GET", "/api/v1/merchants", () => "/api/v1/merchants", "merchants:read", () => undefined],
  ["GET", "/api/v1/merchants/:id", () => `/api/v1/merchants/${t.merchant.id}`, "merchants:read", () => undefined],
  ["POST", "/api/v1/merchants/:id/onboarding_link", () => `/api/v1/merchants/${shellId}/onboarding_link`, "merchants:write", () => ({})],
  ["GET", "/api/v1/fx/rates", () => "/api/v1/fx/rates?currency=EUR", null, () => undefined],
];

describe("scopes", () => {
  it.each(endpoints)("%s %s", async (method, _label, path, scope, body) => {
    const others = SCOPES.filter((s) => s !== scope);
    const without = await call(method, path(), { key: await makeKey(t.partner.id, "live", others as Scope[]), body: body() });
    if (scope === null) {
      expect(without.status).toBe(200);
    } else {
      expect(without.status).toBe(403);
      expect(without.body).toEqual({ ok: false, error: "insufficient_scope", message: expect.any(String), required_scope: scope });
    }
    const only = await call(method, path(), { key: await makeKey(t.partner.id, "live", scope ? [scope] : ["webhooks:read"]), body: body() });
    expect(only.status, only.text).toBeLessThan(300);
  });
});
