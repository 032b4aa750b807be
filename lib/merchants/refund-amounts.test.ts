import { describe, expect, it } from "vitest";
import { fiatShare, parseUsdcInput, usdcInputText } from "./refund-amounts";

describe("parseUsdcInput", () => {
  it.each([
    ["12.5", 12_500_000n],
    ["12,50", 12_500_000n],
    [" 3 ", 3_000_000n],
    ["0.000001", 1n],
    ["27.500123", 27_500_123n],
    ["7.", 7_000_000n],
  ])("%s → %s micro", (text, micro) => {
    expect(parseUsdcInput(text)).toBe(micro);
  });

  it.each(["", "0", "0.000000", "-1", "1.0000001", "1e3", "abc", "1.2.3", "1 000"])("refuses %j", (text) => {
    expect(parseUsdcInput(text)).toBeNull();
  });
});

describe("fiatShare", () => {
  it("is the request's own rate, rounded half up to the minor unit", () => {
    // €25.00 asked as 27.500123 USDC: half of the USDC is €12.50.
    expect(fiatShare(13_750_062n, 27_500_123n, 2500n)).toBe(1250n);
    expect(fiatShare(27_500_123n, 27_500_123n, 2500n)).toBe(2500n);
    expect(fiatShare(1n, 27_500_123n, 2500n)).toBe(0n);
    expect(fiatShare(5_500_000n, 11_000_000n, 1n)).toBe(1n);
  });

  it("an overpayment refunded whole is worth more than the price", () => {
    expect(fiatShare(30_000_000n, 27_500_000n, 2500n)).toBe(2727n);
  });

  it("a request without a USDC amount gives 0 rather than dividing by zero", () => {
    expect(fiatShare(1_000_000n, 0n, 2500n)).toBe(0n);
  });
});

describe("usdcInputText", () => {
  it.each([
    [12_500_000n, "12.5"],
    [3_000_000n, "3"],
    [1n, "0.000001"],
    [27_500_123n, "27.500123"],
  ])("%s → %s", (micro, text) => {
    expect(usdcInputText(micro)).toBe(text);
    expect(parseUsdcInput(text)).toBe(micro);
  });
});
