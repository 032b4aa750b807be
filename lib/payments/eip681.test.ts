import { describe, expect, it } from "vitest";
import { erc20TransferUri } from "./eip681";

const USDC_BASE = "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913";
const WALLET = "0x52908400098527886e0f7030069857d2e4169ee7";

describe("erc20TransferUri", () => {
  it("builds the EIP-681 transfer URI with checksummed addresses and the integer amount", () => {
    expect(erc20TransferUri({ token: USDC_BASE, chainId: 8453, recipient: WALLET, amount: 27_500_000n })).toBe(
      "ethereum:0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913@8453/transfer?address=0x52908400098527886E0F7030069857D2E4169EE7&uint256=27500000",
    );
  });

  it("keeps amounts beyond 2^53 exact (no float, no exponent)", () => {
    const uri = erc20TransferUri({ token: USDC_BASE, chainId: 1, recipient: WALLET, amount: 123_456_789_012_345_678_901n });
    expect(uri.endsWith("&uint256=123456789012345678901")).toBe(true);
  });

  it.each([
    ["zero amount", { amount: 0n }],
    ["negative amount", { amount: -1n }],
    ["bad chain id", { chainId: 0 }],
    ["bad recipient", { recipient: "0x1234" }],
    ["bad token", { token: "not-an-address" }],
  ])("refuses %s", (_label, override) => {
    expect(() => erc20TransferUri({ token: USDC_BASE, chainId: 8453, recipient: WALLET, amount: 1n, ...override })).toThrow();
  });
});
