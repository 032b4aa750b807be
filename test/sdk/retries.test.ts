// The SDK's HTTP behaviour against a small real node:http server the test programs: which calls are
// retried (429, 5xx, dropped connections — only for idempotent calls or creates carrying an
// idempotency key), how long it waits (Retry-After honoured, else exponential with jitter, read
// from the waits it asks for rather than from the clock), that a create keeps one idempotency key
// over its retries, and how error answers become JoPayError.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HttpClient, generateIdempotencyKey, parseRetryAfter } from "@/packages/node/src/client";
import { JoPay, JoPayConnectionError, JoPayError } from "@/packages/node/src/index";
import { IDEMPOTENCY_KEY_RE } from "@/lib/requests/idempotency-key";

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | "drop";
interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let replies: Reply[] = [];
let seen: Seen[] = [];
let baseUrl = "";
const sockets = new Set<Socket>();
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    seen.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
    const reply = replies[Math.min(seen.length - 1, replies.length - 1)] ?? { status: 200, body: { ok: true } };
    if (reply === "drop") {
      req.socket.destroy();
      return;
    }
    const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status, { "content-type": "application/json", "x-request-id": `req-${seen.length}`, ...reply.headers });
    res.end(text);
  });
});
server.on("connection", (s) => {
  sockets.add(s);
  s.on("close", () => sockets.delete(s));
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  replies = [];
  seen = [];
});

/** A client that records the waits it asks for instead of sleeping. */
function client(opts: { maxRetries?: number } = {}): { jopay: JoPay; waits: number[] } {
  const waits: number[] = [];
  const jopay = new JoPay({ apiKey: "jo_test_k", baseUrl, sleep: async (ms) => void waits.push(ms), ...opts });
  return { jopay, waits };
}

const ok = (body: Record<string, unknown> = {}) => ({ status: 200, body: { ok: true, ...body } });
const err = (status: number, error: string, headers?: Record<string, string>) => ({ status, body: { ok: false, error, message: `${error}!` }, headers });
const REQUEST = { merchant_id: "0193b2c4-1a2b-7c3d-8e4f-5a6b7c8d9e0f", fiat_amount_int: 100 };

describe("SDK retries", () => {
  it("a GET is retried on 503 and 429, waiting exactly what Retry-After says, then answers", async () => {
    const { jopay, waits } = client();
    replies = [err(503, "service_unavailable", { "retry-after": "2" }), err(429, "rate_limited", { "retry-after": "7" }), ok({ request_id: "r" })];
    expect(await jopay.requests.get("r")).toEqual({ ok: true, request_id: "r" });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(Array(3).fill("GET /api/v1/requests/r"));
    expect(waits).toEqual([2000, 7000]);
  });

  it("without Retry-After it backs off exponentially with jitter, within [half, whole] of base × 2^n", async () => {
    const waits: number[] = [];
    const jopay = new JoPay({ apiKey: "k", baseUrl, maxRetries: 4, retryBaseDelayMs: 100, retryMaxDelayMs: 500, sleep: async (ms) => void waits.push(ms) });
    replies = [err(500, "internal_error"), err(502, "internal_error"), err(500, "internal_error"), err(504, "internal_error"), ok()];
    await jopay.events.list();
    expect(waits).toHaveLength(4);
    const caps = [100, 200, 400, 500];
    waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(caps[i] / 2);
      expect(w).toBeLessThanOrEqual(caps[i]);
    });
  });

  it("jitter spreads the waits of many clients", () => {
    const http = new HttpClient({ apiKey: "k", baseUrl, retryBaseDelayMs: 1000 });
    expect(new Set(Array.from({ length: 20 }, () => http.backoff(0))).size).toBeGreaterThan(10);
  });

  it("gives up after maxRetries with the last answer's JoPayError", async () => {
    const { jopay, waits } = client({ maxRetries: 2 });
    replies = [err(503, "service_unavailable", { "retry-after": "1" })];
    const e = await jopay.requests.get("r").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(JoPayError);
    expect(e).toMatchObject({ status: 503, code: "service_unavailable", message: "service_unavailable!", requestId: "req-3", retryAfterSeconds: 1 });
    expect(seen).toHaveLength(3);
    expect(waits).toEqual([1000, 1000]);
  });

  it("a Retry-After beyond maxRetryAfterSeconds is not waited for", async () => {
    const { jopay, waits } = client();
    replies = [err(429, "rate_limited", { "retry-after": "3600" }), ok()];
    expect(await jopay.requests.get("r").catch((x: unknown) => x)).toMatchObject({ status: 429, code: "rate_limited", retryAfterSeconds: 3600 });
    expect([seen.length, waits]).toEqual([1, []]);
  });

  it("a dropped connection is retried, and after the last try is a JoPayConnectionError", async () => {
    const { jopay, waits } = client({ maxRetries: 1 });
    replies = ["drop", ok({ webhook_endpoints: [], has_more: false, limit: 50, offset: 0 })];
    expect((await jopay.webhookEndpoints.list()).webhook_endpoints).toEqual([]);
    expect(waits).toHaveLength(1);

    seen = [];
    replies = ["drop"];
    const e = await jopay.webhookEndpoints.list().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(JoPayConnectionError);
    expect((e as Error).message).toMatch(/no answer after 2 tries/);
    expect(seen).toHaveLength(2);
  });

  it("a create retries with the same generated Idempotency-Key, never re-keyed", async () => {
    const { jopay } = client();
    replies = [err(503, "service_unavailable", { "retry-after": "0" }), "drop", { status: 201, body: { ok: true, request_id: "new" } }];
    expect(await jopay.requests.create(REQUEST)).toMatchObject({ request_id: "new" });
    expect(seen).toHaveLength(3);
    const keys = seen.map((s) => s.headers["idempotency-key"]);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(IDEMPOTENCY_KEY_RE);
    expect(seen.map((s) => JSON.parse(s.body))).toEqual(Array(3).fill(REQUEST));
  });

  it("a caller's key (option or body field) is the one sent; each call without one gets its own", async () => {
    const { jopay } = client();
    replies = [{ status: 201, body: { ok: true } }];
    await jopay.requests.create(REQUEST, { idempotencyKey: "k".repeat(40) });
    await jopay.requests.create({ ...REQUEST, idempotency_key: "b".repeat(32) });
    await jopay.requests.create(REQUEST);
    await jopay.requests.create(REQUEST);
    const keys = seen.map((s) => s.headers["idempotency-key"]);
    expect(keys.slice(0, 2)).toEqual(["k".repeat(40), "b".repeat(32)]);
    expect(keys[2]).not.toBe(keys[3]);
    for (let i = 0; i < 100; i++) expect(generateIdempotencyKey()).toMatch(IDEMPOTENCY_KEY_RE);
  });

  it("a POST without an idempotency key is never retried: cancel, proof, merchant create, endpoint create", async () => {
    const { jopay, waits } = client();
    const calls: [string, () => Promise<unknown>][] = [
      ["cancel", () => jopay.requests.cancel("r")],
      ["proof", () => jopay.requests.attachProof("r", { tx_hash: `0x${"a".repeat(64)}` })],
      ["merchant", () => jopay.merchants.create({})],
      ["endpoint", () => jopay.webhookEndpoints.create({ url: "https://x.example" })],
      ["patch", () => jopay.webhookEndpoints.update("e", { description: "d" })],
    ];
    for (const [what, call] of calls) {
      seen = [];
      replies = [err(503, "service_unavailable", { "retry-after": "0" }), ok()];
      expect(await call().catch((x: unknown) => x), what).toMatchObject({ status: 503 });
      expect(seen, what).toHaveLength(1);
      seen = [];
      replies = ["drop", ok()];
      expect(await call().catch((x: unknown) => x), what).toBeInstanceOf(JoPayConnectionError);
      expect(seen, what).toHaveLength(1);
    }
    expect(waits).toEqual([]);
  });

  it("4xx other than 429 is not retried", async () => {
    const { jopay } = client();
    replies = [{ status: 400, body: { ok: false, error: "validation_error", message: "Invalid request body.", details: [{ field: "fiat_amount_int", issue: "must be positive" }] } }];
    const e = await jopay.requests.create(REQUEST).catch((x: unknown) => x);
    expect(e).toMatchObject({ status: 400, code: "validation_error", details: [{ field: "fiat_amount_int", issue: "must be positive" }], requestId: "req-1" });
    expect((e as JoPayError).body).toMatchObject({ ok: false, error: "validation_error" });
    expect(seen).toHaveLength(1);
  });

  it("an answer that is not JoPay's JSON is unexpected_response, with its status", async () => {
    const { jopay } = client({ maxRetries: 0 });
    replies = [{ status: 502, body: "<html>Bad gateway</html>", headers: { "content-type": "text/html" } }];
    expect(await jopay.requests.get("r").catch((x: unknown) => x)).toMatchObject({ status: 502, code: "unexpected_response" });
    replies = [{ status: 200, body: "[]" }];
    expect(await jopay.requests.get("r").catch((x: unknown) => x)).toMatchObject({ status: 200, code: "unexpected_response" });
  });

  it("sends the key, JSON and path ids encoded; an aborted call is not retried", async () => {
    const { jopay } = client();
    replies = [ok()];
    await jopay.requests.get("a/b?c");
    expect(seen[0].path).toBe("/api/v1/requests/a%2Fb%3Fc");
    expect(seen[0].headers).toMatchObject({ authorization: "Bearer jo_test_k", accept: "application/json" });
    expect(seen[0].headers["user-agent"]).toMatch(/^jopay-node\//);
    await expect(jopay.requests.get("")).rejects.toThrow(TypeError);

    seen = [];
    replies = ["drop"];
    const ac = new AbortController();
    ac.abort();
    const aborted = await jopay.requests.get("r", { signal: ac.signal }).catch((x: unknown) => x);
    expect(aborted).toMatchObject({ name: "AbortError" });
    expect(aborted).not.toBeInstanceOf(JoPayConnectionError);
    expect(seen).toHaveLength(0);
  });

  it("Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-12-03T10:00:00Z");
    expect(parseRetryAfter("5", now)).toBe(5);
    expect(parseRetryAfter("Thu, 03 Dec 2026 10:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("Thu, 03 Dec 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
