// One autocannon run with a request generator: every request is built by `next()` (so each can use
// another API key, merchant or idempotency key), and every response time is kept so percentiles
// autocannon does not report (p95) are exact rather than read off its histogram.
import autocannon, { type AutocannonRequest } from "autocannon";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  label: string;
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  /** Responses by status code; anything but the expected status is reported, never hidden. */
  status: Record<string, number>;
  errors: number;
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

export async function runLoad(opts: {
  label: string;
  baseUrl: string;
  connections: number;
  seconds: number;
  next: () => LoadRequest;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const status: Record<string, number> = {};
  const instance = autocannon({
    url: opts.baseUrl,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 30,
    requests: [{ setupRequest: (req: AutocannonRequest) => ({ ...req, ...opts.next() }) }],
  });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    status[statusCode] = (status[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    label: opts.label,
    connections: opts.connections,
    seconds: result.duration,
    requests: latencies.length,
    rps: round(latencies.length / result.duration, 1),
    p50_ms: round(percentile(latencies, 50)),
    p95_ms: round(percentile(latencies, 95)),
    p99_ms: round(percentile(latencies, 99)),
    max_ms: round(latencies.at(-1) ?? NaN),
    status,
    errors: result.errors,
  };
}
