// One cross-tenant and one cross-mode walk over every endpoint this API adds (STYLE, SPEC §4):
// another partner's id and the other mode's id must produce a response byte-identical to a
// missing id (the X-Request-Id header aside), and must not change the object.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { call } from "@/test/support/call-route";
import { makeTenant } from "./helpers";

let me: Awaited<ReturnType<typeof makeTenant>>;
let other: Awaited<ReturnType<typeof makeTenant>>;
const MISSING = "00000000-0000-7000-8000-000000000000";

const ids = { otherMerchant: "", otherShell: "", otherRequest: "", myTestMerchant: "", myTestShell: "", myTestRequest: "" };

beforeAll(async () => {
  me = await makeTenant();
  other = await makeTenant();
  const req = async (key: string, merchantId: string) =>
    (await call("POST", "/api/v1/requests/create", { key, body: { merchant_id: merchantId, fiat_amount_int: 100 } })).body.request_id as string;
  const shell = async (key: string) => (await call("POST", "/api/v1/merchants", { key, body: {} })).body.merchant_id as string;
  ids.otherMerchant = other.merchant.id;
  ids.otherShell = await shell(other.liveKey);
  ids.otherRequest = await req(other.liveKey, other.merchant.id);
  ids.myTestMerchant = me.testMerchant.id;
  ids.myTestShell = await shell(me.testKey);
  ids.myTestRequest = await req(me.testKey, me.testMerchant.id);
});

type Probe = { name: string; method: string; path: (ids: { merchant: string; shell: string; request: string }) => string; body?: (ids: { merchant: string }) => unknown };
const probes: Probe[] = [
  { name: "GET merchant", method: "GET", path: (i) => `/api/v1/merchants/${i.merchant}` },
  { name: "POST onboarding_link", method: "POST", path: (i) => `/api/v1/merchants/${i.shell}/onboarding_link`, body: () => ({}) },
  { name: "GET request", method: "GET", path: (i) => `/api/v1/requests/${i.request}` },
  { name: "POST cancel", method: "POST", path: (i) => `/api/v1/requests/${i.request}/cancel` },
  { name: "POST create for merchant", method: "POST", path: () => "/api/v1/requests/create", body: (i) => ({ merchant_id: i.merchant, fiat_amount_int: 100 }) },
  { name: "GET list by merchant", method: "GET", path: (i) => `/api/v1/requests?merchant_id=${i.merchant}` },
];

async function walk(target: { merchant: string; shell: string; request: string }) {
  for (const p of probes) {
    const missing = await call(p.method, p.path({ merchant: MISSING, shell: MISSING, request: MISSING }), { key: me.liveKey, body: p.body?.({ merchant: MISSING }) });
    const probe = await call(p.method, p.path(target), { key: me.liveKey, body: p.body?.({ merchant: target.merchant }) });
    expect(missing.status, p.name).toBe(404);
    expect(probe.status, p.name).toBe(404);
    expect(probe.text, p.name).toBe(missing.text);
    expect(probe.headers.get("x-request-id")).toBeTruthy();
  }
}

describe("isolation walks", () => {
  it("cross-tenant: another partner's objects are indistinguishable from missing ones", async () => {
    await walk({ merchant: ids.otherMerchant, shell: ids.otherShell, request: ids.otherRequest });
    const r = await db.paymentRequest.findUniqueOrThrow({ where: { id: ids.otherRequest } });
    expect(r.status).toBe("requested");
    expect(await db.paymentRequest.count({ where: { merchantId: ids.otherMerchant, partnerId: me.partner.id } })).toBe(0);
    expect(await db.onboardingToken.count({ where: { merchantId: ids.otherShell } })).toBe(1);
  });

  it("cross-mode: the live key cannot see or touch the partner's own test-mode objects", async () => {
    await walk({ merchant: ids.myTestMerchant, shell: ids.myTestShell, request: ids.myTestRequest });
    const r = await db.paymentRequest.findUniqueOrThrow({ where: { id: ids.myTestRequest } });
    expect(r.status).toBe("requested");
  });

  it("lists never include other tenants' or the other mode's objects", async () => {
    const merchants = (await call("GET", "/api/v1/merchants?limit=100", { key: me.liveKey })).body.merchants.map((m: { merchant_id: string }) => m.merchant_id);
    expect(merchants).toEqual([me.merchant.id]);
    const requests = (await call("GET", "/api/v1/requests?limit=100", { key: me.liveKey })).body.requests;
    expect(requests).toEqual([]);
    const testRequests = (await call("GET", "/api/v1/requests?limit=100", { key: me.testKey })).body.requests.map((r: { request_id: string }) => r.request_id);
    expect(testRequests).toEqual([ids.myTestRequest]);
  });
});
