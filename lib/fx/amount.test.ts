import { describe, expect, it } from "vitest";
import { fiatToUsdcMicro } from "./amount";
import { divideDecimals, formatScaled, parseDecimal } from "./decimal";

describe("fiatToUsdcMicro: ceil(fiat_minor × rate × 10^(6 − exponent))", () => {
  it.each([
    // seed example, corrected: EUR 25.00 at 1.10 is 27.5 USDC
    [2500, "EUR", "1.10", 27_500_000n],
    [1, "USD", "1", 10_000n],
    [2_147_483_647, "USD", "1", 21_474_836_470_000n],
    // JPY has no minor unit: ¥1000 at 0.0067 = 6.7 USDC
    [1000, "JPY", "0.0067", 6_700_000n],
    // KWD has three: 1.000 KWD at 3.25 = 3.25 USDC
    [1000, "KWD", "3.25", 3_250_000n],
    [1, "KWD", "3.25", 3_250n],
    // rounds up, never down: 1 cent at 0.333333333333 = 3333.33333333 micro → 3334
    [1, "EUR", "0.333333333333", 3_334n],
    // ¥1 at 0.006983113295 = 6983.113295 micro → 6984
    [1, "JPY", "0.006983113295", 6_984n],
    [0, "EUR", "1.1", 0n],
  ])("%i %s at %s → %s", (fiat, code, rate, expected) => {
    expect(fiatToUsdcMicro(fiat, code, rate)).toBe(expected);
  });

  it("is exact where floats are not (0.1 + 0.2 territory)", () => {
    // 3 × 1.1 in floats is 3.3000000000000003, which would wrongly round 33 000 up to 33 001.
    expect(fiatToUsdcMicro(3, "EUR", "1.1")).toBe(33_000n);
  });

  it("refuses malformed rates and unknown currencies", () => {
    expect(() => fiatToUsdcMicro(1, "EUR", "1e3")).toThrow();
    expect(() => fiatToUsdcMicro(1, "EUR", "-1")).toThrow();
    expect(() => fiatToUsdcMicro(1, "XXX", "1")).toThrow(/unsupported/);
  });
});

describe("decimal helpers", () => {
  it("parses and formats", () => {
    expect(parseDecimal("01.500")).toEqual({ units: 1500n, scale: 3 });
    expect(formatScaled(1500n, 3)).toBe("1.5");
    expect(formatScaled(5n, 3)).toBe("0.005");
    expect(formatScaled(1000n, 3)).toBe("1");
  });
  it("divides rounding up", () => {
    expect(divideDecimals("1", "3", 4)).toBe("0.3334");
    expect(divideDecimals("1.5", "0.5", 4)).toBe("3");
  });
});
