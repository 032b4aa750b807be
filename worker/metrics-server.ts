// The worker's own metrics on WORKER_METRICS_PORT (GET /metrics, bearer METRICS_TOKEN): what this
// process counted — webhook attempts and failures — with its pool and Node's runtime. Counters
// live in the process that counts, so each worker is its own scrape target; the database-derived
// gauges are the web process's (/api/metrics), not repeated here.
import { createServer, type Server } from "node:http";
import { ApiError } from "@/lib/errors";
import { uuidv7 } from "@/lib/ids";
import { log } from "@/lib/log";
import { metricsAccess } from "@/lib/metrics/metrics-token";
import { renderMetrics } from "@/lib/metrics/render-metrics";

export function startMetricsServer(port: number, host?: string): Promise<Server> {
  const server = createServer((req, res) => {
    const requestId = uuidv7();
    const fail = (err: ApiError, headers: Record<string, string> = {}) =>
      void res.writeHead(err.status, { "content-type": "application/json; charset=utf-8", "x-request-id": requestId, ...err.headers, ...headers }).end(JSON.stringify(err.body()));
    const path = (req.url ?? "/").split("?", 1)[0];
    if (path !== "/metrics") return fail(new ApiError("not_found", "Metrics are at /metrics."));
    if (req.method !== "GET" && req.method !== "HEAD") return fail(new ApiError("method_not_allowed"), { allow: "GET, HEAD" });
    const access = metricsAccess(req.headers.authorization);
    if (access !== "allowed") return fail(new ApiError("unauthorized", "Send `Authorization: Bearer <METRICS_TOKEN>`."), { "www-authenticate": 'Bearer realm="metrics"' });
    renderMetrics({ system: false }).then(
      (m) => res.writeHead(200, { "content-type": m.contentType, "cache-control": "no-store", "x-request-id": requestId }).end(req.method === "HEAD" ? undefined : m.body),
      (err: unknown) => {
        log.error("metrics could not be rendered", { requestId, error: err instanceof Error ? err.message : String(err) });
        fail(new ApiError("internal_error"));
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
