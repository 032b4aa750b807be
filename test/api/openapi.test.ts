// The OpenAPI document matches the routes one to one, and real responses validate against it.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { isOperation } from "@/lib/api/allowed-methods";
import { operations } from "@/lib/api/operations";
import type { ApiOperation } from "@/lib/api/operations/operation";
import { OPERATION } from "@/lib/api/with-api-key";
import { db } from "@/lib/db";
import { EVENT_TYPES } from "@/lib/events/event-types";
import { attachProof } from "@/lib/payments/attach-proof";
import { settleProof } from "@/lib/payments/settle-proof";
import { webhookHeaders, generateWebhookSecret } from "@/lib/webhooks/sign";
import { call } from "@/test/support/call-route";
import { makeTenant } from "./helpers";

const V1 = join(process.cwd(), "app", "api", "v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return routeFiles(p);
    return name === "route.ts" ? [p] : [];
  });
}

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { content?: { "application/json": { schema: unknown } } }> }>>;
  webhooks: Record<string, Record<string, WebhookOp>>;
  components: { schemas: Record<string, unknown> };
};
type WebhookOp = {
  security: unknown[];
  parameters: { name: string; in: string; required: boolean; schema: unknown }[];
  requestBody: { required: boolean; content: { "application/json": { schema: unknown } } };
  responses: Record<string, { description: string }>;
};
let doc: Doc;
let t: Awaited<ReturnType<typeof makeTenant>>;

beforeAll(async () => {
  const res = await call("GET", "/api/v1/openapi.json");
  expect(res.status).toBe(200);
  doc = res.body as Doc;
  t = await makeTenant();
});

/** Inlines #/components/schemas refs so each response schema stands alone. */
function resolve(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(resolve);
  if (node && typeof node === "object") {
    const ref = (node as { $ref?: string }).$ref;
    if (ref?.startsWith("#/components/schemas/")) return resolve(doc.components.schemas[ref.split("/").pop()!]);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v)]));
  }
  return node;
}

function validator(path: string, method: string, status: number) {
  const op = doc.paths[path]?.[method];
  expect(op, `${method} ${path}`).toBeDefined();
  const schema = op.responses[String(status)]?.content?.["application/json"].schema;
  expect(schema, `${method} ${path} ${status}`).toBeDefined();
  return z.fromJSONSchema(resolve(schema) as Parameters<typeof z.fromJSONSchema>[0]);
}

function expectValid(path: string, method: string, res: { status: number; body: unknown }) {
  const r = validator(path, method, res.status).safeParse(res.body);
  expect(r.success, `${method} ${path} ${res.status}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
}

const fromJsonSchema = (schema: unknown) => z.fromJSONSchema(resolve(schema) as Parameters<typeof z.fromJSONSchema>[0]);

/** The body schema of the POST JoPay makes for one event type. */
function webhookValidator(type: string) {
  const op = doc.webhooks[type]?.post;
  expect(op, `webhook ${type}`).toBeDefined();
  return fromJsonSchema(op.requestBody.content["application/json"].schema);
}

function expectValidWebhook(body: { type: string }) {
  const r = webhookValidator(body.type).safeParse(body);
  expect(r.success, `webhook ${body.type}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
}

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with an entry for every route file and method, and nothing else", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const fromRoutes = new Set<string>();
    for (const file of routeFiles(V1)) {
      const rel = relative(join(process.cwd(), "app"), file).replace(/\/route\.ts$/, "");
      if (rel.includes("[...")) continue; // the catch-all 404 is not an operation
      const path = `/${rel}`.replace(/\[(\w+)\]/g, "{$1}");
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      for (const m of METHODS) if (isOperation(mod[m])) fromRoutes.add(`${m.toLowerCase()} ${path}`);
    }
    const fromDoc = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)));
    expect([...fromRoutes].filter((x) => !fromDoc.has(x)), "routes missing from the document").toEqual([]);
    expect([...fromDoc].filter((x) => !fromRoutes.has(x)), "document entries without a route").toEqual([]);
  });

  it("every served method is declared with the operation of its own method and path", async () => {
    const served: string[] = [];
    for (const file of routeFiles(V1)) {
      const rel = relative(join(process.cwd(), "app"), file).replace(/\/route\.ts$/, "");
      if (rel.includes("[...")) continue;
      const path = `/${rel}`.replace(/\[(\w+)\]/g, "{$1}");
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      for (const m of METHODS) {
        if (!isOperation(mod[m])) continue;
        const op = (mod[m] as { [OPERATION]?: ApiOperation })[OPERATION];
        // The one public operation (the document itself) is served without a key, so without the wrapper.
        const declared = op ?? operations.find((o) => o.scope === "public" && o.path === path && o.method === m.toLowerCase());
        expect(declared, `${m} ${path} is not served through its operation`).toBeDefined();
        expect(`${declared!.method} ${declared!.path}`).toBe(`${m.toLowerCase()} ${path}`);
        served.push(declared!.operationId);
      }
    }
    expect(served.sort()).toEqual(operations.map((o) => o.operationId).sort());
  });

  it("every route file answers each method it does not serve with the JSON 405 and an Allow from the document", async () => {
    let checked = 0;
    for (const file of routeFiles(V1)) {
      const rel = relative(join(process.cwd(), "app"), file).replace(/\/route\.ts$/, "");
      if (rel.includes("[...")) continue;
      const path = `/${rel}`.replace(/\[(\w+)\]/g, "{$1}");
      const documented = Object.keys(doc.paths[path] ?? {}).map((m) => m.toUpperCase()).sort();
      const concrete = path.replace(/\{\w+\}/g, "0191a3b0-0000-7000-8000-000000000000");
      for (const m of METHODS.filter((x) => !documented.includes(x))) {
        const res = await call(m, concrete, { key: t.liveKey });
        expect(res.status, `${m} ${path}`).toBe(405);
        expect(res.body, `${m} ${path}`).toMatchObject({ ok: false, error: "method_not_allowed" });
        expect(res.headers.get("allow")?.split(", ").sort(), `${m} ${path}`).toEqual(documented);
        expect(res.headers.get("x-request-id")).toBeTruthy();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("lists every error code of the table with its status", () => {
    const codes = (doc.components as unknown as { "x-error-codes": Record<string, { status: number }> })["x-error-codes"];
    expect(codes.cannot_cancel.status).toBe(409);
    expect(codes.fx_unavailable.status).toBe(503);
    expect(doc.paths["/api/v1/requests/{id}/cancel"].post.responses["409"]).toBeDefined();
    expect(doc.paths["/api/v1/requests/create"].post.responses["400"]).toBeDefined();
  });

  it("real responses validate against the document's schemas", async () => {
    const k = t.liveKey;
    const created = await call("POST", "/api/v1/requests/create", { key: k, body: { merchant_id: t.merchant.id, fiat_amount_int: 100, metadata: { a: "b" } } });
    expectValid("/api/v1/requests/create", "post", created);
    const id = created.body.request_id;
    expectValid("/api/v1/requests/{id}", "get", await call("GET", `/api/v1/requests/${id}`, { key: k }));
    expectValid("/api/v1/requests", "get", await call("GET", "/api/v1/requests?limit=5", { key: k }));
    expectValid("/api/v1/requests/{id}/cancel", "post", await call("POST", `/api/v1/requests/${id}/cancel`, { key: k }));
    const conflict = await call("POST", `/api/v1/requests/${id}/cancel`, { key: k });
    expect(conflict.status).toBe(409);
    expectValid("/api/v1/requests/{id}/cancel", "post", conflict);

    const m = await call("POST", "/api/v1/merchants", { key: k, body: { business_name: "Doc" } });
    expectValid("/api/v1/merchants", "post", m);
    expectValid("/api/v1/merchants/{id}", "get", await call("GET", `/api/v1/merchants/${m.body.merchant_id}`, { key: k }));
    expectValid("/api/v1/merchants", "get", await call("GET", "/api/v1/merchants", { key: k }));
    expectValid("/api/v1/merchants/{id}/onboarding_link", "post", await call("POST", `/api/v1/merchants/${m.body.merchant_id}/onboarding_link`, { key: k }));
    expectValid("/api/v1/fx/rates", "get", await call("GET", "/api/v1/fx/rates?currency=JPY", { key: k }));

    const bad = await call("POST", "/api/v1/requests/create", { key: k, body: { fiat_amount_int: 0 } });
    expect(bad.status).toBe(400);
    expectValid("/api/v1/requests/create", "post", bad);
    const unauth = await call("GET", "/api/v1/requests");
    expectValid("/api/v1/requests", "get", unauth);
  });

  it("has a webhook for every subscribable event type, and nothing else, with the Standard Webhooks headers", () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      const op = doc.webhooks[type].post;
      expect(Object.keys(doc.webhooks[type]), type).toEqual(["post"]);
      expect(op.security, type).toEqual([]);
      expect(op.parameters.map((p) => [p.name, p.in, p.required]), type).toEqual([
        ["webhook-id", "header", true],
        ["webhook-timestamp", "header", true],
        ["webhook-signature", "header", true],
      ]);
      expect(op.requestBody.required, type).toBe(true);
      expect(op.responses["2XX"]?.description, type).toMatch(/received/i);
      // The envelope names its own type: a body of another type is not this webhook's.
      const other = EVENT_TYPES.find((x) => x !== type)!;
      expect(webhookValidator(type).safeParse({ id: "evt_x", type: other, created_at: "", test_mode: false, data: {} }).success, type).toBe(false);
    }
  });

  it("real event bodies and their signed headers validate against the webhooks section", async () => {
    const p = await makeTenant();
    const create = () => call("POST", "/api/v1/requests/create", { key: p.liveKey, body: { merchant_id: p.merchant.id, fiat_amount_int: 700, metadata: { order_id: "W-1" } } });
    const paid = (await create()).body;
    const { proof } = await attachProof({ requestId: paid.request_id, txHash: `0x${randomBytes(32).toString("hex")}`, source: "partner_api", scope: null });
    const amount = BigInt(paid.amount.usdc_micro);
    await db.$transaction((tx) => settleProof(tx, proof, { kind: "verified", receivedMicro: amount + 5n, overpaidMicro: 5n, late: false, block: null }, null));

    const refused = (await create()).body;
    const bad = await attachProof({ requestId: refused.request_id, txHash: `0x${randomBytes(32).toString("hex")}`, source: "pay_page", scope: null });
    await db.$transaction((tx) => settleProof(tx, bad.proof, { kind: "rejected", reason: "underpaid", receivedMicro: 1n, block: null }, null));
    expect((await call("POST", `/api/v1/requests/${(await create()).body.request_id}/cancel`, { key: p.liveKey })).status).toBe(200);

    const events = await db.event.findMany({ where: { partnerId: p.partner.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const bodies = events.map((e) => e.payload as { id: string; type: string; data: Record<string, unknown> });
    expect(new Set(bodies.map((b) => b.type))).toEqual(
      new Set(["merchant.onboarding_completed", "payment.proof_attached", "payment.proof_verified", "payment.proof_rejected", "request.voided"]),
    );
    for (const body of bodies) expectValidWebhook(body);

    const verified = bodies.find((b) => b.type === "payment.proof_verified")!;
    expect(verified.data).toMatchObject({ request_id: paid.request_id, proof_status: "verified", proof: { status: "verified", overpaid_usdc_micro: "5" } });
    expect(verified.data.proof).toHaveProperty("finalized_at");
    // The signed receipt rides beside `data`; its public URL and the JWKS answer as documented.
    expect((verified as { receipt?: { url: string } }).receipt?.url).toBe(verified.data.receipt_url);
    expectValid("/api/v1/receipts/{id}", "get", await call("GET", `/api/v1/receipts/${paid.request_id}`));
    const missing = await call("GET", `/api/v1/receipts/${refused.request_id}`);
    expect(missing.status).toBe(404);
    expectValid("/api/v1/receipts/{id}", "get", missing);
    expectValid("/api/v1/receipts/jwks.json", "get", await call("GET", "/api/v1/receipts/jwks.json"));
    // The documented schema is strict enough to catch a broken payload.
    expect(webhookValidator("payment.proof_verified").safeParse({ ...verified, data: { ...verified.data, amount: undefined } }).success).toBe(false);
    expect(webhookValidator("merchant.onboarding_completed").safeParse({ ...verified, type: "merchant.onboarding_completed" }).success).toBe(false);

    // The headers of an attempt (two secrets sign during a rotation) match the documented ones.
    const op = doc.webhooks["payment.proof_verified"].post;
    const raw = JSON.stringify(verified);
    const headers = webhookHeaders(verified.id, Math.floor(Date.now() / 1000), raw, [generateWebhookSecret(), generateWebhookSecret()]);
    for (const param of op.parameters) {
      const value = headers[param.name as keyof typeof headers];
      expect(fromJsonSchema(param.schema).safeParse(value).success, `${param.name}: ${value}`).toBe(true);
    }
    expect(fromJsonSchema(op.parameters[2].schema).safeParse("v1,abc def").success).toBe(false);
  });

  it("a response that breaks the schema is caught (the check is not vacuous)", () => {
    const v = validator("/api/v1/requests/{id}", "get", 200);
    expect(v.safeParse({ ok: true, request_id: "x" }).success).toBe(false);
  });
});

describe("response headers", () => {
  it("every response of every operation declares X-Request-Id; keyed ones the RateLimit headers; 429 and 503 Retry-After — and real answers send them", async () => {
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, response] of Object.entries(op.responses as Record<string, { headers?: Record<string, { $ref: string }> }>)) {
          const names = Object.keys(response.headers ?? {});
          expect(names, `${method} ${path} ${status}`).toContain("X-Request-Id");
          if (status === "429" || status === "503") expect(names, `${method} ${path} ${status}`).toContain("Retry-After");
          // Every operation counts its answers, except the documents served as themselves (this one, the JWKS).
          if (!path.endsWith(".json") && ["200", "201", "400", "401", "404"].includes(status)) expect(names).toContain("RateLimit-Remaining");
          for (const n of names) expect((doc.components as unknown as { headers: Record<string, unknown> }).headers[n], n).toBeDefined();
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    const res = await call("GET", "/api/v1/requests", { key: t.liveKey });
    for (const h of ["x-request-id", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"]) expect(res.headers.get(h), h).toBeTruthy();
    const unauthorized = await call("GET", "/api/v1/requests", { key: "jo_live_nope" });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("ratelimit-remaining")).toBeTruthy();
  });
});

describe("named schemas", () => {
  it("Request, Proof, Merchant, WebhookEndpoint and DeliveryAttempt are components every operation refers to; timestamps are date-time", () => {
    const schemas = doc.components.schemas as Record<string, { properties?: Record<string, { format?: string; pattern?: string; anyOf?: { format?: string }[] }> }>;
    for (const name of ["Request", "Proof", "Merchant", "WebhookEndpoint", "DeliveryAttempt", "Error"]) expect(schemas[name], name).toBeDefined();
    const text = JSON.stringify(doc.paths);
    expect(text).not.toContain("$defs");
    expect(text.match(/#\/components\/schemas\/Request"/g)?.length).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(doc.paths["/api/v1/requests/create"].post.responses["201"])).toContain("#/components/schemas/Request");
    expect(JSON.stringify(doc.paths["/api/v1/requests/{id}"].get.responses["200"])).toContain("#/components/schemas/Request");
    expect(JSON.stringify(doc.paths["/api/v1/merchants"].get.responses["200"])).toContain("#/components/schemas/Merchant");
    expect(schemas.Request.properties!.created_at).toMatchObject({ type: "string", format: "date-time" });
    expect(schemas.Request.properties!.created_at.pattern).toBeUndefined();
    expect(JSON.stringify(schemas.Error)).toContain("#/components/schemas/Request");
  });
});
