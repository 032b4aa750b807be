// Per-deployment chain settings and the table of chains we know defaults for.
//
// No env reading here: the config layer validates env and passes plain values to chainSettings(),
// which fills defaults from the table. Addresses are stored lowercase everywhere in JoPay so they
// can be compared with === and used as DB keys.
import { isAddress, type Address } from "viem";

export interface ChainSettings {
  chainId: number;
  name: string;
  rpcUrl: string;
  /** USDC contract, lowercase. */
  usdcAddress: Address;
  /** Blocks on top of the payment's block (inclusive) before we verify it. */
  confirmations: number;
  /**
   * Depth at which a block is final when the RPC has no `finalized` block tag (SPEC §6
   * "Finality"): until then a verified payment is re-checked and reversed if a reorg removes it.
   */
  finalityDepth: number;
  /** Blocks behind its cursor the transfer watcher scans again on every pass (reorgs below it). */
  reorgWindow: number;
  /** Explorer link template containing "{hash}", or null when there is no explorer. */
  explorerTxUrl: string | null;
  nativeCurrencySymbol: string;
}

export interface KnownChain {
  chainId: number;
  name: string;
  /** Circle's native USDC on that chain; null where it is deployed per run (anvil). */
  usdcAddress: Address | null;
  confirmations: number;
  finalityDepth: number;
  reorgWindow: number;
  explorerTxUrl: string | null;
  nativeCurrencySymbol: string;
  testnet: boolean;
}

export const ANVIL_CHAIN_ID = 31337;

// Confirmation counts trade payment latency against reorg risk: L2s that post to Ethereum reorg
// rarely (10 blocks of 2 s); Ethereum 12 blocks (~2.5 min); Polygon PoS has had deep reorgs, so
// 50; Arbitrum's 0.25 s blocks make 300 blocks only ~75 s. Anvil reorgs only when a test makes it.
// Finality depths are the fallback for RPCs without the `finalized` tag: about the time these
// chains take to finalise (an L2 when its batch is final on Ethereum, ~20 min; Ethereum two
// epochs). The reorg window is what the watcher re-reads every pass: deeper than any reorg seen
// on that chain beyond its confirmation count, small enough to cost one getLogs call.
const TABLE: readonly KnownChain[] = [
  {
    chainId: 8453,
    name: "Base",
    usdcAddress: "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913",
    confirmations: 10,
    finalityDepth: 600,
    reorgWindow: 64,
    explorerTxUrl: "https://basescan.org/tx/{hash}",
    nativeCurrencySymbol: "ETH",
    testnet: false,
  },
  {
    chainId: 84532,
    name: "Base Sepolia",
    usdcAddress: "0x036cbd53842c5426634e7929541ec2318f3dcf7e",
    confirmations: 10,
    finalityDepth: 600,
    reorgWindow: 64,
    explorerTxUrl: "https://sepolia.basescan.org/tx/{hash}",
    nativeCurrencySymbol: "ETH",
    testnet: true,
  },
  {
    chainId: 1,
    name: "Ethereum",
    usdcAddress: "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",
    confirmations: 12,
    finalityDepth: 64,
    reorgWindow: 64,
    explorerTxUrl: "https://etherscan.io/tx/{hash}",
    nativeCurrencySymbol: "ETH",
    testnet: false,
  },
  {
    chainId: 42161,
    name: "Arbitrum One",
    usdcAddress: "0xaf88d065e77c8cc2239327c5edb3a432268e5831",
    confirmations: 300,
    finalityDepth: 4800,
    reorgWindow: 600,
    explorerTxUrl: "https://arbiscan.io/tx/{hash}",
    nativeCurrencySymbol: "ETH",
    testnet: false,
  },
  {
    chainId: 137,
    name: "Polygon",
    usdcAddress: "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359",
    confirmations: 50,
    finalityDepth: 256,
    reorgWindow: 128,
    explorerTxUrl: "https://polygonscan.com/tx/{hash}",
    // MATIC was renamed POL in 2024.
    nativeCurrencySymbol: "POL",
    testnet: false,
  },
  {
    chainId: ANVIL_CHAIN_ID,
    name: "Local Anvil",
    usdcAddress: null,
    confirmations: 1,
    // anvil's own `finalized` tag is 64 blocks behind its head; tests reorg it with evm_revert.
    finalityDepth: 64,
    reorgWindow: 16,
    explorerTxUrl: null,
    nativeCurrencySymbol: "ETH",
    testnet: true,
  },
];

export const KNOWN_CHAINS: ReadonlyMap<number, KnownChain> = new Map(TABLE.map((c) => [c.chainId, c]));

/**
 * For chains not in the table. Deliberately Ethereum-like rather than small: an operator running
 * an unknown chain should set the count explicitly, and until then erring slow beats crediting a
 * payment that a reorg later removes.
 */
export const UNKNOWN_CHAIN_CONFIRMATIONS = 12;
export const UNKNOWN_CHAIN_FINALITY_DEPTH = 64;
export const UNKNOWN_CHAIN_REORG_WINDOW = 64;

export function knownChain(chainId: number): KnownChain | undefined {
  return KNOWN_CHAINS.get(chainId);
}

export function defaultConfirmations(chainId: number): number {
  return knownChain(chainId)?.confirmations ?? UNKNOWN_CHAIN_CONFIRMATIONS;
}

export interface ChainSettingsInput {
  chainId: number;
  rpcUrl: string;
  /** Required for chains whose USDC address is not in the table (anvil, unknown chains). */
  usdcAddress?: string;
  confirmations?: number;
  finalityDepth?: number;
  reorgWindow?: number;
  /** undefined: the table's explorer; null: none. */
  explorerTxUrl?: string | null;
  name?: string;
  nativeCurrencySymbol?: string;
}

/**
 * Builds ChainSettings from already-validated config values plus table defaults. Still checks
 * invariants other code relies on (lowercase address, positive confirmations, {hash} in the
 * template) because a mistake here means paying attention to the wrong contract.
 */
export function chainSettings(input: ChainSettingsInput): ChainSettings {
  const { chainId } = input;
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new Error(`invalid chain id: ${chainId}`);
  const known = knownChain(chainId);

  const usdc = input.usdcAddress ?? known?.usdcAddress;
  if (!usdc) throw new Error(`chain ${chainId} has no known USDC address; configure one`);
  if (!isAddress(usdc, { strict: false })) throw new Error(`invalid USDC address: ${usdc}`);

  const confirmations = input.confirmations ?? defaultConfirmations(chainId);
  if (!Number.isSafeInteger(confirmations) || confirmations < 1) {
    throw new Error(`confirmations must be an integer >= 1, got ${confirmations}`);
  }

  // A chain configured with more confirmations than its default finality depth is final no sooner.
  const finalityDepth = input.finalityDepth ?? Math.max(confirmations, known?.finalityDepth ?? UNKNOWN_CHAIN_FINALITY_DEPTH);
  const reorgWindow = input.reorgWindow ?? known?.reorgWindow ?? UNKNOWN_CHAIN_REORG_WINDOW;
  if (!Number.isSafeInteger(finalityDepth) || finalityDepth < confirmations) {
    throw new Error(`finality depth must be an integer >= confirmations (${confirmations}), got ${finalityDepth}`);
  }
  if (!Number.isSafeInteger(reorgWindow) || reorgWindow < 0) throw new Error(`reorg window must be an integer >= 0, got ${reorgWindow}`);

  const explorerTxUrl = input.explorerTxUrl === undefined ? (known?.explorerTxUrl ?? null) : input.explorerTxUrl;
  if (explorerTxUrl !== null && !explorerTxUrl.includes("{hash}")) {
    throw new Error(`explorer tx URL template must contain {hash}: ${explorerTxUrl}`);
  }

  return {
    chainId,
    name: input.name ?? known?.name ?? `Chain ${chainId}`,
    rpcUrl: input.rpcUrl,
    usdcAddress: usdc.toLowerCase() as Address,
    confirmations,
    finalityDepth,
    reorgWindow,
    explorerTxUrl,
    nativeCurrencySymbol: input.nativeCurrencySymbol ?? known?.nativeCurrencySymbol ?? "ETH",
  };
}

/** The explorer link for a tx, or null when the chain has no explorer. */
export function explorerTxLink(settings: Pick<ChainSettings, "explorerTxUrl">, hash: string): string | null {
  return settings.explorerTxUrl === null ? null : settings.explorerTxUrl.replace(/\{hash\}/g, hash);
}
