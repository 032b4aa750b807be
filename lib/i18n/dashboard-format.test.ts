// The dashboard's money and day formats: exact past what a double can hold, in each locale's style.
import { describe, expect, it } from "vitest";
import { formatDay, formatUsdcAmount, shortAddress } from "./dashboard-format";

describe("formatUsdcAmount", () => {
  it("always six decimals, grouped the locale's way", () => {
    expect(formatUsdcAmount(27_500_123n, "en")).toBe("27.500123");
    expect(formatUsdcAmount(1_234_500_000n, "en")).toBe("1,234.500000");
    expect(formatUsdcAmount(1_234_500_000n, "es")).toBe("1234,500000");
    expect(formatUsdcAmount(12_345_500_000n, "nl")).toBe("12.345,500000");
    expect(formatUsdcAmount("0", "pt")).toBe("0,000000");
  });

  it("is exact beyond 2^53 micro-units (a float would round the last digits)", () => {
    const huge = 2n ** 60n + 7n; // 1152921504606.846983 USDC
    expect(formatUsdcAmount(huge, "en")).toBe("1,152,921,504,606.846983");
    expect(Number(huge) === Number(huge - 7n)).toBe(true); // what a double would have made of it
  });
});

describe("formatDay and shortAddress", () => {
  it("a calendar day is that day in every locale, whatever the server's zone", () => {
    expect(formatDay("2026-03-01", "en")).toBe("Mar 1");
    expect(formatDay("2026-03-01", "fr")).toBe("1 mars");
    expect(formatDay("2026-12-31", "es")).toBe("31 dic");
  });

  it("shortens a wallet to its ends", () => {
    expect(shortAddress(`0x${"ab".repeat(20)}`)).toBe("0xabab…abab");
    expect(shortAddress("0x12")).toBe("0x12");
  });
});
