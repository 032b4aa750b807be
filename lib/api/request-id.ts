// The id every API answer carries in X-Request-Id and every log line of the call repeats. A proxy
// of ours (TRUSTED_PROXY_HOPS > 0: a load balancer, a CDN) may have given the request one already —
// Heroku's router, nginx's $request_id, a gateway — and then we keep it, so one id follows the
// request through every hop's logs. Without trusted proxies the header is client text and is not
// taken. Only a well-formed id is kept: it lands in log lines and in the events table.
import { config } from "@/lib/config";
import { uuidv7 } from "@/lib/ids";

const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

export function requestIdFor(req: Request): string {
  if (config().TRUSTED_PROXY_HOPS > 0) {
    const given = req.headers.get("x-request-id")?.trim();
    if (given && WELL_FORMED.test(given)) return given;
  }
  return uuidv7();
}
