// viem public clients for the configured chain, one per (chain id, RPC URL).
//
// Cached because a client owns its HTTP keep-alive pool and request de-duplication; creating one
// per request would defeat both. Known chains use viem's own definitions, which carry
// chain-specific formatters (e.g. OP-stack deposit transactions on Base); anything else gets a
// minimal defineChain.
import { createPublicClient, defineChain, http, type Chain, type HttpTransport, type PublicClient } from "viem";
import { arbitrum, base, baseSepolia, foundry, mainnet, polygon } from "viem/chains";
import { ANVIL_CHAIN_ID, type ChainSettings } from "./config";

export type ClientChainSettings = Pick<
  ChainSettings,
  "chainId" | "name" | "rpcUrl" | "nativeCurrencySymbol" | "explorerTxUrl"
>;

const VIEM_CHAINS: ReadonlyMap<number, Chain> = new Map<number, Chain>(
  [base, baseSepolia, mainnet, arbitrum, polygon, foundry].map((c) => [c.id, c]),
);

/** A viem Chain for the settings, with the configured RPC as its only endpoint. */
export function viemChainFor(settings: ClientChainSettings): Chain {
  const rpcUrls = { default: { http: [settings.rpcUrl] } };
  const known = VIEM_CHAINS.get(settings.chainId);
  if (known) return { ...known, rpcUrls };
  const explorerOrigin = settings.explorerTxUrl ? safeOrigin(settings.explorerTxUrl) : null;
  return defineChain({
    id: settings.chainId,
    name: settings.name,
    nativeCurrency: { name: settings.nativeCurrencySymbol, symbol: settings.nativeCurrencySymbol, decimals: 18 },
    rpcUrls,
    ...(explorerOrigin ? { blockExplorers: { default: { name: "Explorer", url: explorerOrigin } } } : {}),
  });
}

function safeOrigin(template: string): string | null {
  try {
    return new URL(template.replace(/\{hash\}/g, "0x")).origin;
  } catch {
    return null;
  }
}

const cache = new Map<string, PublicClient<HttpTransport, Chain>>();

export function publicClientFor(settings: ClientChainSettings): PublicClient<HttpTransport, Chain> {
  const key = `${settings.chainId}|${settings.rpcUrl}`;
  let client = cache.get(key);
  if (!client) {
    client = createPublicClient({
      chain: viemChainFor(settings),
      transport: http(settings.rpcUrl, { timeout: 10_000, retryCount: 2 }),
      // viem memoises getBlockNumber for `cacheTime` (default 4 s); confirmation counting must see
      // the latest block, and the local chain mines in milliseconds.
      cacheTime: 0,
      // Default polling is 4 s (or half a known chain's block time); anvil mines instantly, so
      // poll fast there to keep dev and tests snappy.
      ...(settings.chainId === ANVIL_CHAIN_ID ? { pollingInterval: 250 } : {}),
    });
    cache.set(key, client);
  }
  return client;
}

/** Drops cached clients (tests, or after an RPC URL change). */
export function clearPublicClientCache(): void {
  cache.clear();
}
