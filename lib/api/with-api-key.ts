// The one wrapper every /api/v1 route is declared with (STYLE: "a route handler is a declaration"):
// `export const GET = withApiKey(requestOperations.getRequest, handler)`. Everything but the
// handler comes from the operation (lib/api/operations). Order, once for all: request id → key
// lookup by hash → rate limit → scope → test-mode-only → body size, media type and JSON parse
// (every POST/PUT/PATCH, with or without a body schema) → zod parse → handler → response schema →
// error mapping → headers.
import { z, type ZodType } from "zod";
import { log } from "@/lib/log";
import { withRequestContext } from "@/lib/request-context";
import { config } from "@/lib/config";
import { authenticate, requireScope, type ApiContext } from "./authenticate";
import { ApiError, isApiError } from "@/lib/errors";
import type { ApiOperation } from "./operations/operation";
import { counterStore, DEFAULT_LIMIT_PER_MINUTE, enforce, hit, type RateLimitResult } from "@/lib/rate-limit/counters";
import { hitIpLimit } from "@/lib/rate-limit/ip-limit";
import { clientIp } from "./with-public";
import { recordApiRequest } from "@/lib/metrics/record";
import { readJsonBody } from "./read-body";
import { requestIdFor } from "./request-id";
import { errorResponse, json, toApiError, validationError } from "./respond";

type RouteArgs = { params: Promise<Record<string, string>> };

export interface HandlerArgs<B, Q> {
  req: Request;
  ctx: ApiContext;
  body: B;
  query: Q;
  params: Record<string, string>;
}

/** What a handler returns: the response data (merged after `ok: true`), optionally a status. */
export type HandlerResult = Record<string, unknown> | { status: number; body: Record<string, unknown> };

type Parsed<S> = S extends ZodType ? z.output<S> : undefined;
type Handler<Op extends ApiOperation> = (args: HandlerArgs<Parsed<Op["body"]>, Parsed<Op["query"]>>) => Promise<HandlerResult>;

/** Marks the handler with the operation it serves (test/api/openapi.test.ts walks the route files). */
export const OPERATION = Symbol.for("jopay.operation");

export function withApiKey<Op extends ApiOperation>(op: Op, handler: Handler<Op>) {
  const scope = op.scope;
  if (scope === "public") throw new Error(`${op.operationId} is public: it is not served through withApiKey`);
  const statuses = new Set([op.successStatus ?? 200, ...(op.alsoStatuses ?? [])]);
  const serve = async (req: Request, route?: RouteArgs): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFor(req);
    const headers: Record<string, string> = { "X-Request-Id": requestId };
    const caller: { ctx?: ApiContext } = {};
    const res = await withRequestContext({ requestId }, () => answer(req, route, requestId, headers, caller));
    const seconds = (performance.now() - started) / 1000;
    recordApiRequest(op.operationId, res.status, seconds);
    accessLog(requestId, op, res.status, seconds, headers, caller.ctx);
    return res;
  };
  const answer = async (req: Request, route: RouteArgs | undefined, requestId: string, headers: Record<string, string>, caller: { ctx?: ApiContext }): Promise<Response> => {
    try {
      const ctx = await authenticate(req, requestId).catch((err) => throttleFailedAuth(req, err, headers));
      caller.ctx = ctx;
      enforce(await applyRateLimit(ctx, op.limit ?? "default"), headers, op.limit ?? "default");
      if (scope) requireScope(ctx, scope);
      if (op.testModeOnly && !ctx.testMode) throw new ApiError("test_mode_only");

      const raw = await readJsonBody(req);
      // No bytes at all is an empty object (every field optional); JSON `null` is a body, and not an object.
      const body = op.body ? parseWith(op.body, withHeaderFields(op, req, raw === undefined ? {} : raw), "body") : undefined;
      const query = op.query ? parseWith(op.query, Object.fromEntries(new URL(req.url).searchParams), "query") : undefined;
      const params = (await route?.params) ?? {};

      const result = await handler({ req, ctx, body: body as never, query: query as never, params });
      const { status, data } = "status" in result && "body" in result && typeof result.status === "number"
        ? { status: result.status, data: result.body as Record<string, unknown> }
        : { status: op.successStatus ?? 200, data: result };
      if (!statuses.has(status)) throw new Error(`${op.operationId} answered ${status}, which it does not declare`);
      return json({ ok: true, ...presented(op, data) }, status, headers);
    } catch (err) {
      return errorResponse(toApiError(err, requestId), headers);
    }
  };
  return Object.assign(serve, { [OPERATION]: op });
}

/**
 * The answer as its response schema defines it: only declared fields leave, and a value the schema
 * does not allow is our bug, answered as a 500 (logged by toApiError) rather than sent. Secrets in
 * the two responses that show one are declared there and nowhere else.
 */
function presented(op: ApiOperation, data: Record<string, unknown>): Record<string, unknown> {
  const r = op.response.safeParse(data);
  if (!r.success) {
    const where = r.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
    throw new Error(`${op.operationId}: response does not match its schema (${where})`);
  }
  return r.data as Record<string, unknown>;
}

/**
 * The access log: one line per answer, with who called (partner and mode, never the key), what,
 * how it ended and the rate-limit state.
 */
function accessLog(requestId: string, op: ApiOperation, status: number, seconds: number, headers: Record<string, string>, ctx: ApiContext | undefined) {
  log.info("api request", {
    requestId,
    operation: op.operationId,
    method: op.method.toUpperCase(),
    status,
    ms: Math.round(seconds * 10_000) / 10,
    ...(ctx ? { partnerId: ctx.partner.id, mode: ctx.testMode ? "test" : "live" } : {}),
    ...(headers["RateLimit-Limit"] ? { rateLimit: { limit: Number(headers["RateLimit-Limit"]), remaining: Number(headers["RateLimit-Remaining"]) } } : {}),
  });
}

/**
 * The body with the fields its declared headers carry (Idempotency-Key → idempotency_key), before
 * the schema runs, so a header value meets the field's own rules and replay. Sent both ways, the
 * two must agree; a body that is not an object is left for the schema to refuse.
 */
function withHeaderFields(op: ApiOperation, req: Request, raw: unknown): unknown {
  if (!op.bodyHeaders?.length || raw === null || typeof raw !== "object" || Array.isArray(raw)) return raw;
  let body = raw as Record<string, unknown>;
  for (const h of op.bodyHeaders) {
    const value = req.headers.get(h.name);
    if (value === null) continue;
    const inBody = body[h.field];
    if (inBody === undefined || inBody === null) body = { ...body, [h.field]: value };
    else if (inBody !== value) {
      throw new ApiError("validation_error", `The ${h.name} header and the body's ${h.field} differ; send one, or the same value in both.`, {
        details: [{ field: h.field, issue: `differs from the ${h.name} header` }],
      });
    }
  }
  return body;
}

function parseWith(schema: ZodType, input: unknown, where: "body" | "query") {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error, where);
  return r.data;
}

async function applyRateLimit(ctx: ApiContext, bucket: "default" | "merchant_create"): Promise<RateLimitResult> {
  const limit =
    bucket === "merchant_create"
      ? (ctx.partner.merchantCreateLimitPerMinute ?? 30)
      : (ctx.partner.rateLimitPerMinute ?? DEFAULT_LIMIT_PER_MINUTE);
  return hit(await counterStore(), `key:${ctx.apiKeyId}:${bucket}`, limit);
}

// A missing or bad key counts against the caller's address: 401 with that limit's headers, 429
// once over it. Only failures count and a valid key is never refused here, so a shared address
// (a NAT, or every caller under plain `next start`: lib/rate-limit/client-ip.ts) cannot be used to lock
// partners out.
async function throttleFailedAuth(req: Request, err: unknown, headers: Record<string, string>): Promise<never> {
  if (isApiError(err) && err.code === "unauthorized") {
    enforce(await hitIpLimit(clientIp(req), { bucket: "api_auth_failed", limitPerMinute: config().API_AUTH_FAILURES_PER_MINUTE }), headers, "api_auth_failed");
  }
  throw err;
}
