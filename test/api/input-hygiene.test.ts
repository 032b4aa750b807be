// Input hygiene (issue 15) through the real route handlers: control characters in any string field
// of any body are a 400 validation_error naming the field, and nothing is written; bodies must be
// declared JSON (415 otherwise); unknown currencies are a 400 listing the supported ones; and
// PostgreSQL's own refusal of U+0000 maps to a 400, not a 500. The string fields are read from the
// operations' zod schemas (through their JSON Schema) and each operation is called from its
// declared example, so a new field or operation is covered by itself.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ZodType } from "zod";
import { ApiError } from "@/lib/errors";
import { toApiError } from "@/lib/api/respond";
import { db } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { isUnstorableText, sqlState } from "@/lib/db/unstorable-text";
import { SUPPORTED_CURRENCIES } from "@/lib/fx/currencies";
import { currentRate } from "@/lib/fx/rates";
import { log } from "@/lib/log";
import { toSchema, type Json } from "@/lib/openapi/json-schema";
import { operations } from "@/lib/api/operations";
import { attachProofInput } from "@/lib/schemas/proof";
import { call } from "@/test/support/call-route";
import { tenantRows } from "@/test/support/tenant-rows";
import { keyFor, makeObjects, modeOf, validCall, type Ids, type Mode, type Tenant } from "@/test/support/operation-walk";
import { makeTenant } from "./helpers";

let t: Tenant;
const objects = {} as Record<Mode, Ids>;

beforeAll(async () => {
  t = await makeTenant();
  objects.live = await makeObjects(t, "live");
  objects.test = await makeObjects(t, "test");
});

const TX_HASH = `0x${"ab".repeat(32)}`;

/** Every IP gets its own bucket: the public proof endpoint allows 10 a minute per IP. */
const freshIp = () => ({ "x-forwarded-for": `10.${randomBytes(3).join(".")}` });

interface BodyOperation {
  name: string;
  method: string;
  path: string;
  body: ZodType;
  key?: string;
  headers: () => Record<string, string>;
  /** Valid except for the probed field: any other failure would show up in `details`. */
  base: () => Record<string, unknown>;
}

const v1BodyOperations = operations.filter((op) => op.body);

/** Each body-taking operation called from its declared example (test/support/operation-walk.ts). */
const bodyOperations = (): BodyOperation[] => [
  ...v1BodyOperations.map((op) => {
    const c = validCall(op, objects[modeOf(op)]);
    return { name: op.operationId, method: c.method, path: c.path, body: op.body!, key: keyFor(t, modeOf(op)), headers: () => ({}), base: () => c.body ?? {} };
  }),
  // The pay page's public endpoint is not an /api/v1 operation but takes a body through withPublic.
  { name: "payPageProof", method: "POST", path: `/api/pay/${objects.live.request}/proof`, body: attachProofInput, headers: freshIp, base: () => ({ tx_hash: TX_HASH }) },
];

/** Every POST/PUT/PATCH, with or without a body schema: all of them must refuse a non-JSON body. */
const writeOperations = () => [
  ...operations
    .filter((op) => ["post", "put", "patch"].includes(op.method))
    .map((op) => ({ name: op.operationId, ...validCall(op, objects[modeOf(op)]), key: keyFor(t, modeOf(op)), headers: {} as Record<string, string> })),
  { name: "payPageProof", method: "POST", path: `/api/pay/${objects.live.request}/proof`, key: undefined, headers: freshIp() },
];

// ---- String fields, from the JSON Schema of each body ----

interface Probe {
  /** The field `details` must name. */
  field: string;
  /** Whether the schema lets tab, line feed and carriage return through (free multi-line text). */
  multiline: boolean;
  /** The base body with `value` in this field. */
  with: (base: Record<string, unknown>, value: string) => Record<string, unknown>;
}

const branches = (s: Json): Json[] => (Array.isArray(s.anyOf) ? (s.anyOf as Json[]).flatMap(branches) : [s]);
const admitsLineBreaks = (s: Json) => typeof s.pattern === "string" && new RegExp(s.pattern, "u").test("a\tb\nc\rd");

function set(base: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  if (path.length === 0) return value as Record<string, unknown>;
  const [head, ...rest] = path;
  const inner = (base[head] ?? {}) as Record<string, unknown>;
  return { ...base, [head]: set(inner, rest, value) };
}

function stringProbes(schema: Json, path: string[] = []): Probe[] {
  const out: Probe[] = [];
  for (const s of branches(schema)) {
    if (s.type === "string") {
      out.push({ field: path.join("."), multiline: admitsLineBreaks(s), with: (b, v) => set(b, path, v) });
    } else if (s.type === "array" && (s.items as Json | undefined)?.type === "string") {
      out.push({ field: [...path, "0"].join("."), multiline: false, with: (b, v) => set(b, path, [v]) });
    } else if (s.type === "object") {
      for (const [name, prop] of Object.entries((s.properties as Record<string, Json> | undefined) ?? {})) out.push(...stringProbes(prop, [...path, name]));
      const values = s.additionalProperties as Json | boolean | undefined;
      if (typeof values === "object" && values.type === "string") {
        out.push({ field: [...path, "k"].join("."), multiline: admitsLineBreaks(values), with: (b, v) => set(b, path, { k: v }) });
      }
      const keys = s.propertyNames as Json | undefined;
      if (keys?.type === "string") {
        // The field is the offending key itself, as for any other key error.
        out.push({ field: `${path.join(".")}.k\u0000`, multiline: false, with: (b, v) => set(b, path, { [`k${v}`]: "v" }) });
      }
    }
  }
  return out;
}

// The key probe above names its field with U+0000; for other characters it is rebuilt per value.
const fieldFor = (probe: Probe, value: string) => probe.field.replace(/k\u0000$/, `k${value}`);

/** C0 (NUL, BEL, ESC), DEL, C1 (NEL, CSI), and both halves of a surrogate pair alone. */
const ALWAYS_REFUSED = ["\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u009b", "\ud800", "\udc00"];
const LINE_BREAKS = ["\t", "\n", "\r"];

/**
 * Fields with a dedicated error code for a malformed value: idempotency_key's format (32–64
 * base64url/hex characters, which no control character is) is checked by the domain and answers
 * 400 invalid_idempotency_key (SPEC §4), before anything is read or written.
 */
const DEDICATED: Record<string, string> = { "createRequest.idempotency_key": "invalid_idempotency_key" };

const name = (s: string) => (s.length === 1 ? `U+${s.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : s);

const send = (op: BodyOperation, body: unknown) => call(op.method, op.path, { key: op.key, body, headers: op.headers() });
const fields = (res: { body: { details?: { field: string }[] } }) => (res.body.details ?? []).map((d) => d.field);

describe("control characters in string fields", () => {
  it("every body-taking operation's example is a valid body for its schema", () => {
    for (const op of v1BodyOperations) expect(op.body!.safeParse(validCall(op, objects[modeOf(op)]).body).error, op.operationId).toBeUndefined();
    expect(v1BodyOperations.length).toBeGreaterThanOrEqual(8);
  });

  it("the schemas yield the expected free-text fields, multi-line only where it is free text", () => {
    const probes = Object.fromEntries(bodyOperations().map((op) => [op.name, stringProbes(toSchema(op.body, "input"))]));
    const multiline = Object.entries(probes).flatMap(([op, ps]) => ps.filter((p) => p.multiline).map((p) => `${op}.${p.field}`));
    expect(multiline.sort()).toEqual(["createRefundRequest.reason", "createRequest.memo", "createRequest.metadata.k", "createWebhookEndpoint.description", "updateWebhookEndpoint.description"]);
    const all = Object.entries(probes).flatMap(([op, ps]) => ps.map((p) => `${op}.${p.field}`));
    for (const f of ["createRequest.customer_name", "createRequest.metadata.k\u0000", "createMerchant.business_name", "createOnboardingLink.return_url", "updateWebhookEndpoint.url", "payPageProof.tx_hash"]) {
      expect(all).toContain(f);
    }
  });

  it("are a 400 validation_error naming exactly that field, in every operation, and write nothing", async () => {
    const before = await tenantRows(t.partner.id);
    let checked = 0;
    for (const op of bodyOperations()) {
      for (const probe of stringProbes(toSchema(op.body, "input"))) {
        const bad = probe.multiline ? ALWAYS_REFUSED : [...ALWAYS_REFUSED, ...LINE_BREAKS];
        for (const ch of bad) {
          const value = `ok${ch}ok`;
          const res = await send(op, probe.with(op.base(), value));
          const what = `${op.name} ${probe.field} with ${name(ch)}: ${res.text}`;
          expect(res.status, what).toBe(400);
          const dedicated = DEDICATED[`${op.name}.${probe.field}`];
          if (dedicated) {
            expect(res.body.error, what).toBe(dedicated);
          } else {
            expect(res.body.error, what).toBe("validation_error");
            // Only this field (a URL field may fail twice: not a URL, and the character).
            expect([...new Set(fields(res))], what).toEqual([fieldFor(probe, value)]);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(250);
    expect(await tenantRows(t.partner.id)).toEqual(before);
  });

  it("name the character and where it is", async () => {
    const res = await call("POST", "/api/v1/requests/create", { key: t.liveKey, body: { merchant_id: t.merchant.id, fiat_amount_int: 100, customer_name: "Jan\u0000", memo: "a\u0007" } });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { field: "memo", issue: "must not contain control characters other than tab, line feed and carriage return (U+0007 at index 1)" },
      { field: "customer_name", issue: "must not contain control characters, line breaks or tabs (U+0000 at index 3)" },
    ]);
    const key = await call("POST", "/api/v1/requests/create", { key: t.liveKey, body: { merchant_id: t.merchant.id, fiat_amount_int: 100, metadata: { "a\u001bb": "v" } } });
    expect(key.body.details).toEqual([{ field: "metadata.a\u001bb", issue: "key must not contain control characters, line breaks or tabs (U+001B at index 1)" }]);
  });

  it("free multi-line text keeps tab, line feed and carriage return, and any other Unicode", async () => {
    const text = "Line 1\r\n\tLine 2 — Zürich 東京 😀\u00a0";
    const res = await call("POST", "/api/v1/requests/create", { key: t.liveKey, body: { merchant_id: t.merchant.id, fiat_amount_int: 100, memo: text, metadata: { note: text }, customer_name: "Zoë 😀" } });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ memo: text, metadata: { note: text }, customer_name: "Zoë 😀" });
    const hook = await call("PATCH", `/api/v1/webhook_endpoints/${objects.live.webhook_endpoint}`, { key: t.liveKey, body: { description: "orders\nand refunds" } });
    expect(hook.status, hook.text).toBe(200);
    expect(hook.body.description).toBe("orders\nand refunds");
  });
});

describe("bodies must be JSON", () => {
  it("415 unsupported_media_type for a text/plain or undeclared body, on every POST/PUT/PATCH, and nothing is written", async () => {
    const before = await tenantRows(t.partner.id);
    for (const op of writeOperations()) {
      const plain = await call(op.method, op.path, { key: op.key, rawBody: "{}", headers: { ...op.headers, "content-type": "text/plain" } });
      expect(plain.status, `${op.name} text/plain: ${plain.text}`).toBe(415);
      expect(plain.body).toEqual({ ok: false, error: "unsupported_media_type", message: expect.stringContaining("Content-Type: text/plain") });
      const form = await call(op.method, op.path, { key: op.key, rawBody: "a=1", headers: { ...op.headers, "content-type": "application/x-www-form-urlencoded" } });
      expect(form.status, `${op.name} form`).toBe(415);
      const bare = await call(op.method, op.path, { key: op.key, rawBody: new TextEncoder().encode("{}"), headers: op.headers });
      expect(bare.status, `${op.name} without Content-Type`).toBe(415);
      expect(bare.body.message, op.name).toContain("no Content-Type");
    }
    expect(await tenantRows(t.partner.id)).toEqual(before);
  });

  it("application/json with any charset parameter, in any case, is accepted", async () => {
    for (const type of ["application/json", "application/json; charset=utf-8", "Application/JSON;Charset=UTF-8", "application/json ; charset=\"utf-8\""]) {
      const res = await call("POST", "/api/v1/requests/create", { key: t.liveKey, rawBody: JSON.stringify({ merchant_id: t.merchant.id, fiat_amount_int: 100, memo: "Café" }), headers: { "content-type": type } });
      expect(res.status, `${type}: ${res.text}`).toBe(201);
      expect(res.body.memo).toBe("Café");
    }
  });

  it("operations without a body still work without a body or a Content-Type", async () => {
    const created = await call("POST", "/api/v1/requests/create", { key: t.liveKey, body: { merchant_id: t.merchant.id, fiat_amount_int: 100 } });
    const cancel = await call("POST", `/api/v1/requests/${created.body.request_id}/cancel`, { key: t.liveKey });
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body.status).toBe("voided");
    // An empty body is no body, whatever its declared type.
    const again = await call("POST", "/api/v1/requests/create", { key: t.liveKey, body: { merchant_id: t.merchant.id, fiat_amount_int: 100 } });
    const empty = await call("POST", `/api/v1/requests/${again.body.request_id}/cancel`, { key: t.liveKey, rawBody: "", headers: { "content-type": "text/plain" } });
    expect(empty.status, empty.text).toBe(200);
    const rotated = await call("POST", `/api/v1/webhook_endpoints/${objects.live.webhook_endpoint}/rotate_secret`, { key: t.liveKey });
    expect(rotated.status, rotated.text).toBe(200);
    // Bodies of DELETE are not read (the rule is for POST/PUT/PATCH).
    const extra = await call("POST", "/api/v1/webhook_endpoints", { key: t.liveKey, body: { url: "http://127.0.0.1:9/hook" } });
    const del = await call("DELETE", `/api/v1/webhook_endpoints/${extra.body.webhook_endpoint_id}`, { key: t.liveKey, rawBody: "x", headers: { "content-type": "text/plain" } });
    expect(del.status, del.text).toBe(200);
  });

  it("the OpenAPI document lists 415 for every POST/PUT/PATCH", async () => {
    const doc = (await call("GET", "/api/v1/openapi.json")).body as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    for (const op of operations.filter((o) => ["post", "put", "patch"].includes(o.method))) {
      expect(doc.paths[op.path][op.method].responses["415"], `${op.method} ${op.path}`).toBeDefined();
    }
  });
});

describe("unknown currencies", () => {
  const listsSupported = (issue: string) => SUPPORTED_CURRENCIES.every((c) => issue.includes(c));

  it("are a 400 validation_error listing the supported currencies, wherever a currency is sent", async () => {
    const before = await tenantRows(t.partner.id);
    const cases: [string, string, Record<string, unknown> | undefined, string][] = [
      ["POST", "/api/v1/requests/create", { merchant_id: t.merchant.id, fiat_amount_int: 100, fiat_currency_code: "XYZ" }, "fiat_currency_code"],
      ["POST", "/api/v1/merchants", { display_currency: "xyz" }, "display_currency"],
      ["GET", "/api/v1/fx/rates?currency=XYZ", undefined, "currency"],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await call(method, path, { key: t.liveKey, body });
      expect(res.status, `${path}: ${res.text}`).toBe(400);
      expect(res.body.error).toBe("validation_error");
      expect(res.body.details).toHaveLength(1);
      expect(res.body.details[0].field).toBe(field);
      expect(res.body.details[0].issue).toMatch(/^unsupported currency XYZ; use one of AED, ARS, /);
      expect(listsSupported(res.body.details[0].issue)).toBe(true);
    }
    expect(await tenantRows(t.partner.id)).toEqual(before);
  });

  it("currentRate refuses one as the caller's mistake, not as fx_unavailable", async () => {
    const err = await currentRate("XYZ").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).body()).toMatchObject({ error: "validation_error", details: [{ field: "currency", issue: expect.stringContaining("use one of AED") }] });
  });
});

describe("PostgreSQL's refusal of text it cannot store", () => {
  const expect400 = (err: unknown) => {
    expect(isUnstorableText(err)).toBe(true);
    // A field the schemas missed is logged, to be found and fixed.
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    const mapped = toApiError(err, "test-request-id");
    expect(warn).toHaveBeenCalledWith("text the database cannot store reached it", expect.objectContaining({ requestId: "test-request-id" }));
    warn.mockRestore();
    expect(mapped.status).toBe(400);
    expect(mapped.body()).toEqual({ ok: false, error: "validation_error", message: expect.any(String), details: [{ field: "(body)", issue: expect.stringContaining("U+0000") }] });
  };

  it("maps 22021 and 22P05 from pg (plain SQL) to 400 validation_error", async () => {
    const text = await sql("SELECT $1::text", ["a\u0000b"]).catch((e: unknown) => e);
    expect(sqlState(text)).toBe("22021");
    expect400(text);
    const jsonb = await sql("SELECT $1::jsonb", [JSON.stringify({ a: "\u0000" })]).catch((e: unknown) => e);
    expect(sqlState(jsonb)).toBe("22P05");
    expect400(jsonb);
  });

  it("maps the same errors from Prisma", async () => {
    const update = await db.merchant.update({ where: { id: t.merchant.id }, data: { businessName: "a\u0000" } }).catch((e: unknown) => e);
    expect(sqlState(update)).toBe("22021");
    expect400(update);
    const raw = await db.$queryRaw`SELECT ${JSON.stringify({ a: "\u0000" })}::jsonb`.catch((e: unknown) => e);
    expect(sqlState(raw)).toBe("22P05");
    expect400(raw);
  });

  it("leaves other database errors alone", async () => {
    const uuid = await sql("SELECT $1::uuid", ["nope"]).catch((e: unknown) => e);
    expect(sqlState(uuid)).toBe("22P02");
    expect(isUnstorableText(uuid)).toBe(false);
    expect(isUnstorableText(new Error("invalid byte sequence for encoding \"UTF8\": 0x00"))).toBe(false);
  });
});
