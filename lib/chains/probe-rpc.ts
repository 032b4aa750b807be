// One quick look at a chain's RPC for readiness (lib/health/readiness.ts): does it answer within a
// probe's budget, for the chain we configured, and at which head. Its own clients: the watcher's
// (clients.ts) retry twice with a 10 s timeout each, right for work that must get through, wrong
// for a probe that must answer a load balancer in seconds.
import { BaseError, createPublicClient, http, type PublicClient } from "viem";
import type { ChainSettings } from "./config";
import { viemChainFor } from "./clients";

export type RpcProbe =
  | { ok: true; headBlock: bigint; latencyMs: number }
  | { ok: false; reason: string };

const clients = new Map<string, PublicClient>();

function probeClient(settings: ChainSettings, timeoutMs: number): PublicClient {
  const key = `${settings.chainId}|${settings.rpcUrl}|${timeoutMs}`;
  let client = clients.get(key);
  if (!client) {
    client = createPublicClient({ chain: viemChainFor(settings), transport: http(settings.rpcUrl, { timeout: timeoutMs, retryCount: 0 }), cacheTime: 0 });
    clients.set(key, client);
  }
  return client;
}

// A probe answered (or started) this recently is the answer: /api/health/ready is public, and a
// flood of it must not become a flood at the RPC provider, whose quota the watcher needs.
const REUSE_MS = 2_000;
const recent = new Map<string, { at: number; result: Promise<RpcProbe> }>();

/** The RPC's state, probed at most once per REUSE_MS per chain and URL. */
export function probeRpc(settings: ChainSettings, timeoutMs = 2_000): Promise<RpcProbe> {
  const key = `${settings.chainId}|${settings.rpcUrl}`;
  const last = recent.get(key);
  if (last && performance.now() - last.at < REUSE_MS) return last.result;
  const result = probeOnce(settings, timeoutMs);
  recent.set(key, { at: performance.now(), result });
  return result;
}

async function probeOnce(settings: ChainSettings, timeoutMs: number): Promise<RpcProbe> {
  const client = probeClient(settings, timeoutMs);
  const started = performance.now();
  try {
    const [chainId, headBlock] = await Promise.all([client.getChainId(), client.getBlockNumber({ cacheTime: 0 })]);
    if (chainId !== settings.chainId) return { ok: false, reason: `the RPC serves chain ${chainId}, not the configured ${settings.chainId}` };
    return { ok: true, headBlock, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, reason: failureReason(err, timeoutMs) };
  }
}

/**
 * What went wrong, in words safe to show anyone: readiness is public, and viem's own messages
 * carry the RPC URL, which often holds the provider's API key.
 */
export function failureReason(err: unknown, timeoutMs: number): string {
  const found = (test: (e: unknown) => boolean): unknown => {
    for (let e: unknown = err, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) if (test(e)) return e;
    return undefined;
  };
  if (found((e) => e instanceof BaseError && e.name === "TimeoutError")) return `no answer within ${timeoutMs} ms`;
  const http = found((e) => e instanceof BaseError && e.name === "HttpRequestError" && typeof (e as { status?: unknown }).status === "number");
  if (http) return `the RPC answered HTTP ${(http as { status: number }).status}`;
  // Node's (ECONNREFUSED, ENOTFOUND…) and fetch's own (UND_ERR_…) error codes.
  const code = (found((e) => typeof (e as { code?: unknown }).code === "string" && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test((e as { code: string }).code)) as { code: string } | undefined)?.code;
  if (code === "UND_ERR_SOCKET") return "the RPC closed the connection";
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "UND_ERR_HEADERS_TIMEOUT") return `no answer within ${timeoutMs} ms`;
  if (code) return `cannot reach the RPC (${code})`;
  const rpc = found((e) => e instanceof BaseError && typeof (e as { code?: unknown }).code === "number");
  if (rpc) return `the RPC answered JSON-RPC error ${(rpc as { code: number }).code}`;
  return "the RPC did not answer eth_chainId / eth_blockNumber";
}
