// Pure tests (no network): clients are built lazily and make no request until used.
import { afterEach, describe, expect, it } from "vitest";
import { clearPublicClientCache, publicClientFor, viemChainFor } from "./clients";
import { chainSettings } from "./config";

const USDC = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

afterEach(() => clearPublicClientCache());

describe("publicClientFor", () => {
  it("returns the same client for the same chain and RPC URL, a new one otherwise", () => {
    const a = chainSettings({ chainId: 8453, rpcUrl: "https://a.example" });
    const b = chainSettings({ chainId: 8453, rpcUrl: "https://b.example" });
    expect(publicClientFor(a)).toBe(publicClientFor({ ...a }));
    expect(publicClientFor(a)).not.toBe(publicClientFor(b));
  });

  it("disables viem's block-number cache", () => {
    const client = publicClientFor(chainSettings({ chainId: 8453, rpcUrl: "https://a.example" }));
    expect(client.cacheTime).toBe(0);
  });

  it("uses the configured RPC URL as the chain's only endpoint", () => {
    const client = publicClientFor(chainSettings({ chainId: 8453, rpcUrl: "https://a.example" }));
    expect(client.chain.id).toBe(8453);
    expect(client.chain.rpcUrls.default.http).toEqual(["https://a.example"]);
    expect(client.transport.url).toBe("https://a.example");
  });
});

describe("viemChainFor", () => {
  it("keeps viem's chain-specific formatters for known chains (OP-stack deposits on Base)", () => {
    const chain = viemChainFor(chainSettings({ chainId: 8453, rpcUrl: "https://a.example" }));
    expect(chain.formatters?.transaction).toBeDefined();
  });

  it("defines unknown chains from the settings", () => {
    const chain = viemChainFor(
      chainSettings({
        chainId: 424242,
        rpcUrl: "http://rpc.example",
        usdcAddress: USDC,
        name: "Custom",
        nativeCurrencySymbol: "CUS",
        explorerTxUrl: "https://scan.example/tx/{hash}",
      }),
    );
    expect(chain).toMatchObject({
      id: 424242,
      name: "Custom",
      nativeCurrency: { symbol: "CUS", decimals: 18 },
      rpcUrls: { default: { http: ["http://rpc.example"] } },
      blockExplorers: { default: { url: "https://scan.example" } },
    });
  });
});
