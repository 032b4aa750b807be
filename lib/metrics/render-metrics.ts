// The Prometheus text a scrape gets. The web process serves its own metrics and the system gauges
// (/api/metrics); a worker only its own (worker/metrics-server.ts), since the system gauges are the
// same numbers from wherever they are read.
import { metrics } from "./registry";
import { refreshSystemGauges } from "./system-gauges";

export interface RenderedMetrics {
  contentType: string;
  body: string;
}

export async function renderMetrics(opts: { system: boolean }): Promise<RenderedMetrics> {
  const m = metrics();
  if (opts.system) await refreshSystemGauges();
  const parts = [await m.own.metrics(), ...(opts.system ? [await m.system.metrics()] : [])];
  return { contentType: m.own.contentType, body: parts.join("\n") };
}
