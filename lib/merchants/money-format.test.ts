import { describe, expect, it } from "vitest";
import { formatMinor, formatUsdc, parseMinor } from "./money-format";

describe("money formatting", () => {
  it("formats integer minor units exactly", () => {
    expect(formatMinor(2500, 2)).toBe("25.00");
    expect(formatMinor(5, 2)).toBe("0.05");
    expect(formatMinor(-5, 2)).toBe("-0.05");
    expect(formatMinor(1500, 0)).toBe("1500");
    expect(formatMinor(1234, 3)).toBe("1.234");
    expect(formatUsdc(27500000n)).toBe("27.500000");
    expect(formatUsdc("9007199254740993")).toBe("9007199254.740993");
  });

  it("parses typed amounts into minor units without floats", () => {
    expect(parseMinor("12.5", 2)).toBe(1250);
    expect(parseMinor("12,05", 2)).toBe(1205);
    expect(parseMinor(" 0.10 ", 2)).toBe(10);
    expect(parseMinor("1500", 0)).toBe(1500);
    expect(parseMinor("0.1", 0)).toBeNull();
    expect(parseMinor("1.234", 2)).toBeNull();
    expect(parseMinor("0", 2)).toBeNull();
    expect(parseMinor("-1", 2)).toBeNull();
    expect(parseMinor("1e3", 2)).toBeNull();
    expect(parseMinor("", 2)).toBeNull();
  });
});
