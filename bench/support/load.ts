// Autocannon runs with a request generator: every request is built by `next()` (so each can use
// another API key, merchant or idempotency key), and every response time is kept so percentiles
// autocannon does not report (p95) are exact, and interleaved runs of one scenario can be merged.
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

export interface RawLoad {
  latencies: number[];
  status: Record<string, number>;
  errors: number;
  seconds: number;
}

/** Runs autocannon and keeps every response time. */
export async function runLoad(opts: { baseUrl: string; connections: number; seconds: number; next: () => LoadRequest }): Promise<RawLoad> {
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
  return { latencies, status, errors: result.errors, seconds: result.duration };
}

/** One result from one or more runs (runs of the same scenario interleaved with others). */
export function summarize(label: string, connections: number, runs: RawLoad[]): LoadResult {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((a, r) => a + r.seconds, 0);
  const status: Record<string, number> = {};
  for (const r of runs) for (const [code, n] of Object.entries(r.status)) status[code] = (status[code] ?? 0) + n;
  return {
    label,
    connections,
    seconds: round(seconds),
    requests: latencies.length,
    rps: round(latencies.length / seconds, 1),
    p50_ms: round(percentile(latencies, 50)),
    p95_ms: round(percentile(latencies, 95)),
    p99_ms: round(percentile(latencies, 99)),
    max_ms: round(latencies.at(-1) ?? NaN),
    status,
    errors: runs.reduce((a, r) => a + r.errors, 0),
  };
}
