// The one wrapper every /api/v1 route is declared with (STYLE: "a route handler is a declaration").
// Order, once for all: request id → key lookup by hash → rate limit → scope → body size, media type
// and JSON parse (every POST/PUT/PATCH, with or without a body schema) → zod parse → handler →
// error mapping → headers.
import { z, type ZodType } from "zod";
import { uuidv7 } from "@/lib/ids";
import type { Scope } from "@/lib/api-keys/scopes";
import { config } from "@/lib/config";
import { authenticate, requireScope, type ApiContext } from "./authenticate";
import { isApiError } from "./errors";
import { counterStore, DEFAULT_LIMIT_PER_MINUTE, enforce, hit, type RateLimitResult } from "./rate-limit";
import { clientIp, hitIpLimit } from "./with-public";
import { readJsonBody } from "./read-body";
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

export interface ApiRouteOptions<B extends ZodType | undefined, Q extends ZodType | undefined> {
  /** null: any valid key (e.g. FX rates). */
  scope: Scope | null;
  body?: B;
  query?: Q;
  /** Which limit bucket this route counts against (SPEC §4: merchant creation has its own). */
  limit?: "default" | "merchant_create";
  handler: (args: HandlerArgs<B extends ZodType ? z.output<B> : undefined, Q extends ZodType ? z.output<Q> : undefined>) => Promise<HandlerResult>;
}

export function withApiKey<B extends ZodType | undefined = undefined, Q extends ZodType | undefined = undefined>(
  opts: ApiRouteOptions<B, Q>,
) {
  return async (req: Request, route?: RouteArgs): Promise<Response> => {
    const requestId = uuidv7();
    const headers: Record<string, string> = { "X-Request-Id": requestId };
    try {
      const ctx = await authenticate(req, requestId).catch((err) => throttleFailedAuth(req, err, headers));
      enforce(await applyRateLimit(ctx, opts.limit ?? "default"), headers);
      if (opts.scope) requireScope(ctx, opts.scope);

      const raw = await readJsonBody(req);
      const body = opts.body ? parseWith(opts.body, raw ?? {}, "body") : undefined;
      const query = opts.query ? parseWith(opts.query, Object.fromEntries(new URL(req.url).searchParams), "query") : undefined;
      const params = (await route?.params) ?? {};

      const result = await opts.handler({ req, ctx, body: body as never, query: query as never, params });
      const { status, data } = "status" in result && "body" in result && typeof result.status === "number"
        ? { status: result.status, data: result.body as Record<string, unknown> }
        : { status: 200, data: result };
      return json({ ok: true, ...data }, status, headers);
    } catch (err) {
      return errorResponse(toApiError(err, requestId), headers);
    }
  };
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
// (a NAT, or every caller under plain `next start`: lib/api/client-ip.ts) cannot be used to lock
// partners out.
async function throttleFailedAuth(req: Request, err: unknown, headers: Record<string, string>): Promise<never> {
  if (isApiError(err) && err.code === "unauthorized") {
    enforce(await hitIpLimit(clientIp(req), { bucket: "api_auth_failed", limitPerMinute: config().API_AUTH_FAILURES_PER_MINUTE }), headers);
  }
  throw err;
}
