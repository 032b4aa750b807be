import { describe, expect, it } from "vitest";
import { MAX_AMOUNT_TAG, pickAmountTag } from "./amount-tag";

describe("pickAmountTag", () => {
  it("is 0 when the base amount is free", () => {
    expect(pickAmountTag(1_000_000n, [])).toBe(0);
    expect(pickAmountTag(1_000_000n, [999_999n, 1_000_100n])).toBe(0);
  });
  it("takes the smallest free tag, filling holes", () => {
    expect(pickAmountTag(1_000_000n, [1_000_000n])).toBe(1);
    expect(pickAmountTag(1_000_000n, [1_000_000n, 1_000_001n, 1_000_003n])).toBe(2);
  });
  it("counts other bases' tagged amounts as taken too", () => {
    // a request of base 999 999 tagged +1 holds 1 000 000
    expect(pickAmountTag(1_000_000n, [1_000_000n])).toBe(1);
  });
  it("returns null when all 100 are in use", () => {
    const all = Array.from({ length: MAX_AMOUNT_TAG + 1 }, (_, i) => 5n + BigInt(i));
    expect(pickAmountTag(5n, all)).toBeNull();
    expect(pickAmountTag(5n, all.slice(0, -1))).toBe(99);
  });
});
