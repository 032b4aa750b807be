// Readiness (GET /api/health/ready, the admin System health page): can JoPay take a payment end
// to end right now — the database answers, each mode's chain RPC answers for the configured chain,
// a worker is running every loop it runs (webhooks, proofs, watcher…), and creates would get a
// fresh exchange rate. Each check says why when it fails. Facts only: nothing here names a host,
// URL or worker, since the endpoint is public.
import type { ChainSettings } from "@/lib/chains/config";
import { chainForMode } from "@/lib/chains/for-mode";
import { probeRpc, type RpcProbe } from "@/lib/chains/probe-rpc";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { fxStatus } from "@/lib/fx/rates";
import { heartbeatState } from "./heartbeats";

export interface Check {
  ok: boolean;
  /** Why not, when not ok. */
  reason?: string;
  [fact: string]: unknown;
}

export const CHECK_NAMES = ["database", "chain_live", "chain_test", "worker", "fx"] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface Readiness {
  ready: boolean;
  checks: Record<CheckName, Check>;
}

export async function readiness(now = new Date()): Promise<Readiness> {
  const [database, chainLive, chainTest, worker, fx] = await Promise.all([databaseCheck(), ...chainChecks(), workerCheck(now), fxCheck(now)]);
  const checks = { database, chain_live: chainLive, chain_test: chainTest, worker, fx };
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}

/** The failing checks as one line: `chain_live (cannot reach the RPC (ECONNREFUSED)); worker (…)`. */
export function notReadyReasons(r: Readiness): string {
  return Object.entries(r.checks)
    .filter(([, c]) => !c.ok)
    .map(([name, c]) => `${name} (${c.reason})`)
    .join("; ");
}

async function databaseCheck(): Promise<Check> {
  try {
    await db.$queryRaw`SELECT 1`;
    return { ok: true };
  } catch {
    return { ok: false, reason: "the database does not answer" };
  }
}

// One probe per distinct RPC: in development both modes share one local chain.
function chainChecks(): [Promise<Check>, Promise<Check>] {
  const probes = new Map<string, Promise<RpcProbe>>();
  const check = async (mode: "live" | "test"): Promise<Check> => {
    let chain: ChainSettings;
    try {
      chain = chainForMode(mode);
    } catch (err) {
      return { ok: false, reason: `the ${mode} chain's settings are invalid: ${err instanceof Error ? err.message : String(err)}` };
    }
    const key = `${chain.chainId}|${chain.rpcUrl}`;
    if (!probes.has(key)) probes.set(key, probeRpc(chain));
    const p = await probes.get(key)!;
    const facts = { chain_id: chain.chainId, chain: chain.name };
    return p.ok ? { ok: true, ...facts, head_block: Number(p.headBlock), latency_ms: p.latencyMs } : { ok: false, reason: p.reason, ...facts };
  };
  return [check("live"), check("test")];
}

async function workerCheck(now: Date): Promise<Check> {
  try {
    const h = await heartbeatState(now);
    const facts = {
      newest_heartbeat_age_seconds: h.newestAgeSeconds,
      max_age_seconds: h.maxAgeSeconds,
      ...(h.stuck.length ? { stuck_loops: h.stuck.map((l) => l.loop) } : {}),
    };
    return h.problem ? { ok: false, reason: h.problem, ...facts } : { ok: true, ...facts };
  } catch {
    return { ok: false, reason: "unknown: the database does not answer" };
  }
}

async function fxCheck(now: Date): Promise<Check> {
  const fx = await fxStatus(now);
  const facts = {
    source: fx.source,
    currencies: fx.rates.length,
    age_seconds: fx.oldestFetchedAt ? Math.max(0, Math.round((now.getTime() - fx.oldestFetchedAt.getTime()) / 1000)) : null,
    max_age_seconds: config().FX_MAX_AGE_MINUTES * 60,
  };
  return fx.problem ? { ok: false, reason: fx.problem, ...facts } : { ok: true, ...facts };
}
