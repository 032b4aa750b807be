// The OpenAPI document matches the routes one to one, and real responses validate against it.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { isOperation } from "@/lib/api/allowed-methods";
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

type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, { content?: { "application/json": { schema: unknown } } }> }>>; components: { schemas: Record<string, unknown> } };
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

  it("a response that breaks the schema is caught (the check is not vacuous)", () => {
    const v = validator("/api/v1/requests/{id}", "get", 200);
    expect(v.safeParse({ ok: true, request_id: "x" }).success).toBe(false);
  });
});
