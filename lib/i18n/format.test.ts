import { describe, expect, it } from "vitest";
import { fill, formatCountdown, formatDateTime, formatFiat, formatUsdcMicro, unitsToDecimal } from "./format";

describe("formatUsdcMicro", () => {
  it.each([
    ["27500000", "27.500000"],
    ["27500042", "27.500042"],
    ["1", "0.000001"],
    ["999999", "0.999999"],
    ["0", "0.000000"],
    // Beyond 2^53: a float would already have lost the last digits.
    ["9007199254740993123", "9007199254740.993123"],
  ])("%s micro → %s", (micro, expected) => {
    expect(formatUsdcMicro(micro)).toBe(expected);
    expect(formatUsdcMicro(BigInt(micro))).toBe(expected);
  });

  it("rejects non-integer input instead of rounding", () => {
    expect(() => formatUsdcMicro("1.5")).toThrow();
  });
});

describe("unitsToDecimal", () => {
  it("handles exponent 0 and 3 and negatives", () => {
    expect(unitsToDecimal(1500n, 0)).toBe("1500");
    expect(unitsToDecimal(1234n, 3)).toBe("1.234");
    expect(unitsToDecimal(-5n, 2)).toBe("-0.05");
  });
});

describe("formatFiat", () => {
  it("formats minor units per currency exponent and locale", () => {
    expect(formatFiat(2500, "EUR", "en")).toBe("€25.00");
    expect(formatFiat(2500, "EUR", "fr").replace(/\s/g, " ")).toBe("25,00 €");
    expect(formatFiat(2500, "EUR", "nl").replace(/\s/g, " ")).toBe("€ 25,00");
    expect(formatFiat(1500, "JPY", "en")).toBe("¥1,500");
    expect(formatFiat(1234, "KWD", "en")).toMatch(/1\.234/);
    expect(formatFiat(123456789, "USD", "es").replace(/\s/g, " ")).toBe("1.234.567,89 US$");
  });
});

describe("formatCountdown", () => {
  it.each([
    [0, "0:00"],
    [-5000, "0:00"],
    [59_999, "0:59"],
    [61_000, "1:01"],
    [3_600_000 + 5 * 60_000 + 9_000, "1:05:09"],
  ])("%i ms → %s", (ms, expected) => expect(formatCountdown(ms)).toBe(expected));
});

describe("fill", () => {
  it("replaces known placeholders and leaves unknown ones", () => {
    expect(fill("Pay {merchant} on {network} {x}", { merchant: "Café", network: "Base" })).toBe("Pay Café on Base {x}");
  });
});

describe("formatDateTime", () => {
  it("formats in the locale with the zone named", () => {
    const iso = "2026-04-17T18:05:00.000Z";
    expect(formatDateTime(iso, "en")).toMatch(/Apr 17, 2026.*06:05\sPM.*UTC/);
    expect(formatDateTime(iso, "nl")).toMatch(/17 apr.* 2026.*18:05.*UTC/);
    expect(formatDateTime(iso, "es", "America/Bogota")).toMatch(/17 abr.* 2026.*13:05/);
  });
});
