// The HTTP core every resource method goes through: one operation of the generated table
// (./generated.ts, from JoPay's OpenAPI document) → one fetch, with the API key, the
// idempotency key of a create, retries where a repeat is safe, and JoPay's error body turned into a
// JoPayError.
//
// Retries: 429, 5xx and network failures (timeouts included) are retried, but only for calls a
// repeat cannot double — RFC 9110 idempotent methods (GET, PUT, DELETE) and creates carrying an
// Idempotency-Key, which JoPay answers by replaying the original. Every other POST (a cancel, a
// proof, a merchant create without a wallet) is tried once: its failure is the caller's to judge.
// The wait is exponential with jitter (half fixed, half random, so a crowd of clients spreads
// out), or exactly what Retry-After asks when the answer says.
import { randomBytes } from "node:crypto";
import { JoPayConnectionError, JoPayError } from "./errors.js";
import { OPERATIONS, type ErrorCode, type OperationId, type Operations } from "./generated.js";

export const SDK_VERSION = "0.1.0";

export interface JoPayOptions {
  /** A jo_live_… or jo_test_… key; its mode decides which objects the client sees. */
  apiKey: string;
  /** Your JoPay host, e.g. https://<partner-slug>.jopay.app (no /api/v1). */
  baseUrl: string;
  /** Retries after the first try, for calls safe to repeat. Default 2. */
  maxRetries?: number;
  /** Per try, in ms. Default 30 000. */
  timeoutMs?: number;
  /** First retry waits about this long (doubling each time, with jitter). Default 500. */
  retryBaseDelayMs?: number;
  /** Cap of the exponential wait. Default 8 000. */
  retryMaxDelayMs?: number;
  /** A Retry-After longer than this (seconds) is not waited for: the error is thrown. Default 60. */
  maxRetryAfterSeconds?: number;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** How to wait between tries (default setTimeout); tests and schedulers may bring their own. */
  sleep?: (ms: number) => Promise<void>;
}

export interface CallOptions {
  /** Aborts the call, retries included. */
  signal?: AbortSignal;
}

export interface CreateOptions extends CallOptions {
  /**
   * 32–64 characters of base64url or hex. Omitted: the SDK generates one per call, so its own
   * retries never create twice. Pass your own (e.g. derived from your order id) to make your
   * retries safe too.
   */
  idempotencyKey?: string;
}

export interface Call<Id extends OperationId> {
  params?: Record<string, string>;
  body?: Operations[Id]["body"];
  query?: Operations[Id]["query"];
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** 32 characters of base64url: the API's key rule (32–64 of base64url or hex). */
export function generateIdempotencyKey(): string {
  return randomBytes(24).toString("base64url");
}

const RETRY_STATUSES = (status: number) => status === 429 || status >= 500;

export class HttpClient {
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: JoPayOptions) {
    if (!options?.apiKey) throw new TypeError("JoPay: apiKey is required (jo_live_… or jo_test_…).");
    if (!options.baseUrl) throw new TypeError("JoPay: baseUrl is required (your JoPay host, e.g. https://<partner-slug>.jopay.app).");
    this.base = new URL(options.baseUrl).toString().replace(/\/+$/, "");
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Calls one operation and returns its success body; throws JoPayError or JoPayConnectionError. */
  async call<Id extends OperationId>(id: Id, call: Call<Id> = {}): Promise<Operations[Id]["response"]> {
    const op = OPERATIONS[id];
    const url = new URL(this.base + expandPath(op.path, call.params ?? {}));
    for (const [name, value] of Object.entries((call.query ?? {}) as Record<string, unknown>)) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.apiKey}`,
      accept: "application/json",
      "user-agent": `jopay-node/${SDK_VERSION}`,
    };
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    if (body !== undefined) headers["content-type"] = "application/json";
    if (op.idempotencyHeader) {
      const inBody = (call.body as { idempotency_key?: unknown } | undefined)?.idempotency_key;
      headers[op.idempotencyHeader.toLowerCase()] = call.idempotencyKey ?? (typeof inBody === "string" ? inBody : generateIdempotencyKey());
    }
    const retryable = op.idempotent || op.idempotencyHeader !== null;
    const maxRetries = retryable ? Math.max(0, this.options.maxRetries ?? 2) : 0;

    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await this.fetchImpl(url, { method: op.method, headers, body, signal: this.signalFor(call.signal) });
      } catch (err) {
        if (call.signal?.aborted) throw err;
        if (attempt < maxRetries) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        const why = err instanceof Error ? err.message : String(err);
        throw new JoPayConnectionError(`JoPay ${op.method} ${op.path}: no answer after ${attempt + 1} ${attempt ? "tries" : "try"} (${why}).`, { cause: err });
      }
      const parsed = await readBody(res);
      if (res.ok && parsed && parsed.ok === true) return parsed as Operations[Id]["response"];

      const error = toError(res, parsed);
      if (attempt < maxRetries && RETRY_STATUSES(res.status)) {
        const wait = error.retryAfterSeconds;
        if (wait !== null && wait > (this.options.maxRetryAfterSeconds ?? 60)) throw error;
        await this.sleep(wait !== null ? wait * 1000 : this.backoff(attempt));
        continue;
      }
      throw error;
    }
  }

  /** Exponential (base × 2^attempt, capped) with equal jitter: half of it fixed, half random. */
  backoff(attempt: number): number {
    const exp = Math.min(this.options.retryMaxDelayMs ?? 8_000, (this.options.retryBaseDelayMs ?? 500) * 2 ** attempt);
    return exp / 2 + Math.random() * (exp / 2);
  }

  private signalFor(caller: AbortSignal | undefined): AbortSignal {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    return caller ? AbortSignal.any([caller, timeout]) : timeout;
  }
}

function expandPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (typeof value !== "string" || value === "") throw new TypeError(`JoPay: ${path} needs a non-empty ${name}.`);
    return encodeURIComponent(value);
  });
}

async function readBody(res: Response): Promise<Record<string, unknown> | null> {
  const text = await res.text();
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Seconds, or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function toError(res: Response, body: Record<string, unknown> | null): JoPayError {
  const requestId = res.headers.get("x-request-id");
  const retryAfterSeconds = parseRetryAfter(res.headers.get("retry-after"));
  if (body && body.ok === false && typeof body.error === "string") {
    return new JoPayError({
      status: res.status,
      code: body.error as ErrorCode,
      message: typeof body.message === "string" ? body.message : body.error,
      requestId,
      body,
      retryAfterSeconds,
    });
  }
  return new JoPayError({
    status: res.status,
    code: "unexpected_response",
    message: `JoPay answered ${res.status} without its JSON error body${requestId ? ` (request ${requestId})` : ""}.`,
    requestId,
    body: body ?? {},
    retryAfterSeconds,
  });
}
