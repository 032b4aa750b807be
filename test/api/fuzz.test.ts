// Malformed input over every operation of the table (lib/api/operations), through the real route
// handlers and database: wrong types, huge and non-finite numbers, deep nesting, oversized and
// non-JSON bodies, bad ids in paths, junk queries and odd headers. Every answer must be the error
// table's JSON with its status (or a success, where the input happens to be valid), never a 5xx,
// and a refused call must write nothing. The cases are generated from each operation's schemas and
// example, so a new operation or field is fuzzed by itself. The server-level cases (unusual
// methods, bad percent-encoding, huge URLs) run against `npm start` in e2e/api-json.spec.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { errorTable, type ErrorCode } from "@/lib/errors";
import type { ApiOperation } from "@/lib/api/operations/operation";
import { pathResources } from "@/lib/api/operations/path-ids";
import { MAX_BODY_BYTES } from "@/lib/api/read-body";
import { toSchema, type Json } from "@/lib/openapi/json-schema";
import { call, type CallResult } from "@/test/support/call-route";
import { keyedOperations, keyFor, makeObjects, modeOf, validCall, type Ids, type Mode, type Tenant } from "@/test/support/operation-walk";
import { tenantRows } from "@/test/support/tenant-rows";
import { makeTenant } from "./helpers";

let t: Tenant;
const objects = {} as Record<Mode, Ids>;
beforeAll(async () => {
  t = await makeTenant();
  objects.live = await makeObjects(t, "live");
  objects.test = await makeObjects(t, "test");
});

/** The error table's JSON with its own status and a request id; a success must say ok. */
function expectHandled(res: CallResult, what: string, opts: { refused?: boolean } = {}) {
  expect(res.status, `${what} → ${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
  expect(res.headers.get("content-type"), what).toMatch(/^application\/json/);
  expect(res.headers.get("x-request-id"), what).toBeTruthy();
  if (opts.refused) expect(res.status, `${what} was accepted: ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  if (res.status >= 400) {
    const code = res.body.error as ErrorCode;
    expect(res.body.ok, what).toBe(false);
    expect(Object.keys(errorTable), `${what}: unknown code ${code}`).toContain(code);
    expect(res.status, `${what}: ${code}`).toBe(errorTable[code].status);
  } else {
    expect(res.body.ok, what).toBe(true);
  }
}

const isWrite = (op: ApiOperation) => op.method !== "get";

/** Calls, checks the answer, and for a refused write checks that the tenant's rows did not change. */
async function probe(op: ApiOperation, what: string, send: () => Promise<CallResult>, opts: { refused?: boolean } = {}) {
  const before = isWrite(op) ? await tenantRows(t.partner.id) : undefined;
  const res = await send();
  expectHandled(res, `${op.operationId} ${what}`, opts);
  if (before && res.status >= 400) expect(await tenantRows(t.partner.id), `${op.operationId} ${what} wrote something`).toEqual(before);
  return res;
}

/** Values of the wrong type or out of any range; some happen to be valid for some fields. */
const WRONG_VALUES: [string, unknown][] = [
  ["integer", 123],
  ["negative", -1],
  ["fraction", 1.5],
  ["huge", 1e308],
  ["negative huge", -1e308],
  ["beyond 2^53", 2 ** 60],
  ["true", true],
  ["null", null],
  ["empty string", ""],
  ["long string", "x".repeat(20_000)],
  ["empty array", []],
  ["array of objects", [{ a: 1 }]],
  ["empty object", {}],
  ["nested object", { a: { b: { c: "d" } } }],
  ["NUL", "\u0000"],
  ["lone surrogate", "\ud800"],
];

/** Body-level shapes sent as raw JSON text: numbers JSON.stringify cannot write, odd top levels. */
function rawBodies(base: Record<string, unknown>, field: string | undefined): [string, string][] {
  const with_ = (literal: string) => {
    if (!field) return literal;
    const rest = JSON.stringify({ ...base, [field]: "__X__" });
    return rest.replace('"__X__"', literal);
  };
  const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
  return [
    ["1e400 (Infinity after parsing)", with_("1e400")],
    ["-0", with_("-0")],
    ["a 400-digit integer", with_("9".repeat(400))],
    ["arrays nested 10,000 deep", with_(deep(10_000))],
    ["objects nested 5,000 deep", with_('{"a":'.repeat(5_000) + "1" + "}".repeat(5_000))],
  ];
}

const TOP_LEVEL: [string, string][] = [
  ["an array", "[]"],
  ["a number", "1"],
  ["a string", '"x"'],
  ["null", "null"],
  ["truncated JSON", '{"a":'],
  ["a trailing comma", '{"a":1,}'],
  ["a byte-order mark", "\ufeff{}"],
  ["single quotes", "{'a':1}"],
  ["two documents", "{}{}"],
  ["__proto__", '{"__proto__":{"polluted":true}}'],
  ["duplicate keys", '{"a":1,"a":2}'],
  ["arrays nested 30,000 deep", "[".repeat(30_000) + "]".repeat(30_000)],
];

const fieldsOf = (op: ApiOperation): string[] => Object.keys((toSchema(op.body!, "input").properties as Record<string, Json> | undefined) ?? {});
const queryFieldsOf = (op: ApiOperation): string[] => Object.keys((toSchema(op.query!, "input").properties as Record<string, Json> | undefined) ?? {});

const bodyOps = keyedOperations.filter((op) => op.body);
const writeOps = keyedOperations.filter((op) => ["post", "put", "patch"].includes(op.method));
const queryOps = keyedOperations.filter((op) => op.query);
const pathOps = keyedOperations.filter((op) => pathResources(op.path).length > 0);
const opCases = (ops: ApiOperation[]) => ops.map((op) => [op.operationId, op] as const);

const setup = (op: ApiOperation) => ({ c: validCall(op, objects[modeOf(op)]), key: keyFor(t, modeOf(op)) });

describe("fuzzing every operation, from the operations table", () => {
  it("the table gives the fuzz something to do", () => {
    expect(bodyOps.length).toBeGreaterThanOrEqual(8);
    expect(queryOps.length).toBeGreaterThanOrEqual(5);
    expect(pathOps.length).toBeGreaterThanOrEqual(12);
  });

  it.each(opCases(bodyOps))("%s: every field with wrong types, huge numbers and deep nesting", async (_name, op) => {
    const { c, key } = setup(op);
    const base = c.body ?? {};
    let probes = 0;
    for (const field of [...fieldsOf(op), "unknown_field"]) {
      for (const [label, value] of WRONG_VALUES) {
        await probe(op, `${field} = ${label}`, () => call(c.method, c.path, { key, body: { ...base, [field]: value } }), { refused: field === "unknown_field" });
        probes++;
      }
      for (const [label, raw] of rawBodies(base, field)) {
        await probe(op, `${field} = ${label}`, () => call(c.method, c.path, { key, rawBody: raw, headers: { "content-type": "application/json" } }));
        probes++;
      }
    }
    expect(probes).toBeGreaterThan(20);
  });

  it.each(opCases(writeOps))("%s: bodies that are not a JSON object, too large, or not JSON", async (_name, op) => {
    const { c, key } = setup(op);
    const json = { "content-type": "application/json" };
    for (const [label, raw] of TOP_LEVEL) {
      // An operation that reads no fields may take any JSON; one with a body schema must refuse these.
      await probe(op, `body ${label}`, () => call(c.method, c.path, { key, rawBody: raw, headers: json }), { refused: Boolean(op.body) && label !== "a byte-order mark" });
    }
    for (const [label, size] of [["just over 64 KiB", MAX_BODY_BYTES + 1], ["1 MB", 1_000_000], ["10 MB", 10_000_000]] as const) {
      const big = JSON.stringify({ ...c.body, pad: "x".repeat(size) });
      const res = await probe(op, `a ${label} body`, () => call(c.method, c.path, { key, rawBody: big, headers: json }), { refused: true });
      expect(res.body.error, label).toBe("payload_too_large");
      // The same without a Content-Length, streamed: the wrapper counts.
      const streamed = await probe(op, `a ${label} body, streamed`, () => call(c.method, c.path, { key, rawBody: new TextEncoder().encode(big), headers: json }), { refused: true });
      expect(streamed.body.error, label).toBe("payload_too_large");
    }
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/jsonx", "application/json-seq", "*/*"]) {
      const res = await probe(op, `Content-Type ${type}`, () => call(c.method, c.path, { key, rawBody: JSON.stringify(c.body ?? {}), headers: { "content-type": type } }), { refused: true });
      expect(res.body.error, type).toBe("unsupported_media_type");
    }
    const invalidUtf8 = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]); // {"\xff\xfe":1}
    await probe(op, "invalid UTF-8", () => call(c.method, c.path, { key, rawBody: invalidUtf8, headers: json }), { refused: Boolean(op.body) });
  });

  it.each(opCases(queryOps))("%s: junk in every query parameter", async (_name, op) => {
    const { c, key } = setup(op);
    const [path, qs] = c.path.split("?");
    const valid = Object.fromEntries(new URLSearchParams(qs ?? ""));
    for (const field of queryFieldsOf(op)) {
      for (const value of ["", "x".repeat(3_000), "-1", "0", "1e309", "NaN", "Infinity", "0x10", "1.5", "\u0000", "%", "[]", "{}", "true", "null", "2026-13-45", "٣", "😀"]) {
        const query = new URLSearchParams({ ...valid, [field]: value }).toString();
        await probe(op, `?${field}=${value.slice(0, 20)}`, () => call("GET", `${path}?${query}`, { key }));
      }
      const repeated = new URLSearchParams(valid);
      repeated.append(field, "a");
      repeated.append(field, "b");
      await probe(op, `?${field} repeated`, () => call("GET", `${path}?${repeated}`, { key }));
    }
    await probe(op, "an unknown parameter", () => call("GET", `${c.path}${qs ? "&" : "?"}zzz=1`, { key }));
  });

  it.each(opCases(pathOps))("%s: ids that are no object's", async (_name, op) => {
    const { c, key } = setup(op);
    const { resource } = pathResources(op.path)[0];
    const real = resource === "merchant" ? objects[modeOf(op)].shellMerchant : objects[modeOf(op)][resource];
    const wrongIds = [
      "x",
      "%00",
      "%F0%9F%98%80",
      "..%2F..%2Frequests",
      real.toUpperCase(),
      `${real}0`,
      real.slice(0, -1),
      "0".repeat(2_000),
      resource === "event" ? "00000000-0000-7000-8000-000000000000" : `evt_${"0".repeat(32)}`,
      "00000000-0000-0000-0000-000000000000",
      "' OR 1=1 --",
    ];
    for (const id of wrongIds) {
      const path = c.path.replace(encodeURIComponent(real), id);
      // Upper-case UUIDs name the same object in PostgreSQL; anything else is simply not found.
      const same = id === real.toUpperCase();
      const res = await probe(op, `id ${id.slice(0, 30)}`, () => call(c.method, path, { key, body: c.body }), { refused: !same });
      if (!same) expect(res.body.error, `${op.operationId} ${id}`).toBe("not_found");
    }
  });

  it.each(opCases(keyedOperations))("%s: odd credentials and headers", async (_name, op) => {
    const { c, key } = setup(op);
    for (const auth of ["", "Bearer", "Bearer ", `Basic ${key}`, `Bearer ${key} extra`, `Bearer ${"a".repeat(8_000)}`, `Bearer ${key.slice(0, -1)}`, `Bearer  ${key}x`]) {
      const res = await probe(op, `Authorization "${auth.slice(0, 30)}"`, () => call(c.method, c.path, { body: c.body, headers: { authorization: auth } }), { refused: true });
      expect(res.body.error, auth.slice(0, 30)).toBe("unauthorized");
    }
    // The scheme is case-insensitive (RFC 9110 §11.1) and header values are trimmed: still the key.
    for (const auth of [`bearer ${key}`, `BEARER ${key}`, `Bearer ${key}\t`]) {
      const res = await probe(op, `Authorization "${auth.slice(0, 12)}…"`, () => call(c.method, c.path, { body: c.body, headers: { authorization: auth } }));
      expect(res.body.error, auth.slice(0, 12)).not.toBe("unauthorized");
    }
    const oddHeaders: Record<string, string>[] = [{ "x-request-id": "<script>" }, { "content-length": "abc" }, { accept: "text/html" }, { "x-forwarded-for": "not-an-ip, 999.1.1.1" }];
    for (const headers of oddHeaders) {
      await probe(op, `header ${JSON.stringify(headers)}`, () => call(c.method, c.path, { key, body: c.body, headers }));
    }
  });
});
