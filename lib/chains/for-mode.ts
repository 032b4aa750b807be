// The chain each mode uses (SPEC §3): live and test are configured separately (LIVE_* / TEST_*),
// e.g. Base and Base Sepolia in production, one local anvil for both in development.
import { config } from "@/lib/config";
import { chainSettings, type ChainSettings } from "./config";

const cache = new Map<string, ChainSettings>();

export function chainForMode(mode: "live" | "test"): ChainSettings {
  const env = config();
  const input =
    mode === "live"
      ? { chainId: env.LIVE_CHAIN_ID, rpcUrl: env.LIVE_RPC_URL, usdcAddress: env.LIVE_USDC_ADDRESS, confirmations: env.LIVE_CONFIRMATIONS, finalityDepth: env.LIVE_FINALITY_DEPTH, reorgWindow: env.LIVE_REORG_WINDOW }
      : { chainId: env.TEST_CHAIN_ID, rpcUrl: env.TEST_RPC_URL, usdcAddress: env.TEST_USDC_ADDRESS, confirmations: env.TEST_CONFIRMATIONS, finalityDepth: env.TEST_FINALITY_DEPTH, reorgWindow: env.TEST_REORG_WINDOW };
  const key = JSON.stringify(input);
  let settings = cache.get(key);
  if (!settings) {
    settings = chainSettings(input);
    cache.set(key, settings);
  }
  return settings;
}

/** Every distinct chain JoPay watches (one entry when both modes share a chain). */
export function configuredChains(): ChainSettings[] {
  const byId = new Map<number, ChainSettings>();
  for (const mode of ["live", "test"] as const) {
    const c = chainForMode(mode);
    byId.set(c.chainId, c);
  }
  return [...byId.values()];
}
