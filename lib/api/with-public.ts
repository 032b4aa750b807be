// The wrapper for public, unauthenticated endpoints the pay page calls (SPEC §5: GET /api/pay/:id,
// POST /api/pay/:id/proof). Same shape as withApiKey minus the key: request id → per-IP rate
// limit → body size, media type and JSON parse → zod parse → handler → error mapping → headers.
import { clientIpFrom } from "@/lib/rate-limit/client-ip";
import { hitIpLimit, type IpLimit } from "@/lib/rate-limit/ip-limit";
import { z, type ZodType } from "zod";
import { log } from "@/lib/log";
import { withRequestContext } from "@/lib/request-context";
import { requestIdFor } from "./request-id";
import { enforce } from "@/lib/rate-limit/counters";
import { readJsonBody } from "./read-body";
import { errorResponse, json, toApiError, validationError } from "./respond";

type RouteArgs = { params: Promise<Record<string, string>> };

export interface PublicHandlerArgs<B> {
  req: Request;
  requestId: string;
  ip: string;
  body: B;
  params: Record<string, string>;
}

export interface PublicRouteOptions<B extends ZodType | undefined> extends IpLimit {
  body?: B;
  handler: (args: PublicHandlerArgs<B extends ZodType ? z.output<B> : undefined>) => Promise<Record<string, unknown>>;
}

export function withPublic<B extends ZodType | undefined = undefined>(opts: PublicRouteOptions<B>) {
  return async (req: Request, route?: RouteArgs): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFor(req);
    const headers: Record<string, string> = { "X-Request-Id": requestId };
    const res = await withRequestContext({ requestId }, () => answer(req, route, requestId, headers));
    // The access log line, as for the partner API (no caller to name: these need no key).
    log.info("public request", { requestId, route: opts.bucket, method: req.method, status: res.status, ms: Math.round(performance.now() - started) });
    return res;
  };
  async function answer(req: Request, route: RouteArgs | undefined, requestId: string, headers: Record<string, string>): Promise<Response> {
    try {
      const ip = clientIp(req);
      enforce(await hitIpLimit(ip, opts), headers, opts.bucket);

      const raw = await readJsonBody(req);
      let body: unknown = undefined;
      if (opts.body) {
        const parsed = opts.body.safeParse(raw ?? {});
        if (!parsed.success) throw validationError(parsed.error, "body");
        body = parsed.data;
      }
      const params = (await route?.params) ?? {};
      const data = await opts.handler({ req, requestId, ip, body: body as never, params });
      return json({ ok: true, ...data }, 200, headers);
    } catch (err) {
      return errorResponse(toApiError(err, requestId), headers);
    }
  }
}

export const clientIp = (req: Request) => clientIpFrom(req.headers);
