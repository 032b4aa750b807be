import { describe, expect, it } from "vitest";
import {
  ANVIL_CHAIN_ID,
  KNOWN_CHAINS,
  UNKNOWN_CHAIN_CONFIRMATIONS,
  chainSettings,
  defaultConfirmations,
  explorerTxLink,
  knownChain,
} from "./config";

const HASH = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060";

describe("known chains table", () => {
  it.each([
    [8453, "Base", "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913", 10, "https://basescan.org/tx/{hash}"],
    [84532, "Base Sepolia", "0x036cbd53842c5426634e7929541ec2318f3dcf7e", 10, "https://sepolia.basescan.org/tx/{hash}"],
    [1, "Ethereum", "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", 12, "https://etherscan.io/tx/{hash}"],
    [42161, "Arbitrum One", "0xaf88d065e77c8cc2239327c5edb3a432268e5831", 300, "https://arbiscan.io/tx/{hash}"],
    [137, "Polygon", "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359", 50, "https://polygonscan.com/tx/{hash}"],
    [31337, "Local Anvil", null, 1, null],
  ])("chain %i: %s", (chainId, name, usdc, confirmations, explorer) => {
    const c = knownChain(chainId);
    expect(c).toMatchObject({ chainId, name, usdcAddress: usdc, confirmations, explorerTxUrl: explorer });
    expect(defaultConfirmations(chainId)).toBe(confirmations);
  });

  it("stores every address lowercase and every explorer template with {hash}", () => {
    for (const c of KNOWN_CHAINS.values()) {
      if (c.usdcAddress !== null) expect(c.usdcAddress).toMatch(/^0x[0-9a-f]{40}$/);
      if (c.explorerTxUrl !== null) expect(c.explorerTxUrl).toContain("{hash}");
    }
  });

  it("unknown chains: no table entry, conservative confirmations", () => {
    expect(knownChain(999_999)).toBeUndefined();
    expect(defaultConfirmations(999_999)).toBe(UNKNOWN_CHAIN_CONFIRMATIONS);
  });
});

describe("chainSettings", () => {
  it("fills everything from the table for a known chain", () => {
    expect(chainSettings({ chainId: 8453, rpcUrl: "https://rpc.example" })).toEqual({
      chainId: 8453,
      name: "Base",
      rpcUrl: "https://rpc.example",
      usdcAddress: "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913",
      confirmations: 10,
      finalityDepth: 600,
      reorgWindow: 64,
      explorerTxUrl: "https://basescan.org/tx/{hash}",
      nativeCurrencySymbol: "ETH",
    });
  });

  it("finality: never sooner than the confirmation count unless set; an explicit depth below it is refused", () => {
    expect(chainSettings({ chainId: 1, rpcUrl: "https://rpc.example", confirmations: 100 }).finalityDepth).toBe(100);
    expect(chainSettings({ chainId: 1, rpcUrl: "https://rpc.example", finalityDepth: 80, reorgWindow: 0 })).toMatchObject({ finalityDepth: 80, reorgWindow: 0 });
    expect(() => chainSettings({ chainId: 1, rpcUrl: "https://rpc.example", confirmations: 12, finalityDepth: 5 })).toThrow(/finality depth/);
    expect(() => chainSettings({ chainId: 1, rpcUrl: "https://rpc.example", reorgWindow: -1 })).toThrow(/reorg window/);
  });

  it("lets config override the defaults and lowercases the USDC address", () => {
    const s = chainSettings({
      chainId: 8453,
      rpcUrl: "https://rpc.example",
      usdcAddress: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
      confirmations: 3,
      explorerTxUrl: null,
    });
    expect(s.usdcAddress).toBe("0x833589fcd6edb6e08f4c7c32d4f71b54bda02913");
    expect(s.confirmations).toBe(3);
    expect(s.explorerTxUrl).toBeNull();
  });

  it("anvil needs the per-run USDC address and gets 1 confirmation, no explorer", () => {
    expect(() => chainSettings({ chainId: ANVIL_CHAIN_ID, rpcUrl: "http://127.0.0.1:8545" })).toThrow(/USDC/);
    const s = chainSettings({
      chainId: ANVIL_CHAIN_ID,
      rpcUrl: "http://127.0.0.1:8545",
      usdcAddress: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    });
    expect(s).toMatchObject({
      name: "Local Anvil",
      usdcAddress: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
      confirmations: 1,
      explorerTxUrl: null,
    });
  });

  it("unknown chains get generic defaults", () => {
    const s = chainSettings({
      chainId: 424242,
      rpcUrl: "http://rpc",
      usdcAddress: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
    });
    expect(s).toMatchObject({
      name: "Chain 424242",
      confirmations: UNKNOWN_CHAIN_CONFIRMATIONS,
      explorerTxUrl: null,
      nativeCurrencySymbol: "ETH",
    });
  });

  it.each([
    [{ chainId: 0 }, /chain id/],
    [{ chainId: 1.5 }, /chain id/],
    [{ chainId: 8453, usdcAddress: "0x1234" }, /USDC address/],
    [{ chainId: 8453, confirmations: 0 }, /confirmations/],
    [{ chainId: 8453, confirmations: 2.5 }, /confirmations/],
    [{ chainId: 8453, explorerTxUrl: "https://basescan.org/tx/" }, /\{hash\}/],
  ])("rejects %o", (input, message) => {
    expect(() => chainSettings({ rpcUrl: "http://rpc", ...input })).toThrow(message);
  });
});

describe("explorerTxLink", () => {
  it("substitutes the hash", () => {
    const s = chainSettings({ chainId: 84532, rpcUrl: "http://rpc" });
    expect(explorerTxLink(s, HASH)).toBe(`https://sepolia.basescan.org/tx/${HASH}`);
  });

  it("is null without an explorer", () => {
    expect(explorerTxLink({ explorerTxUrl: null }, HASH)).toBeNull();
  });
});
