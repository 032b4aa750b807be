import { describe, expect, it } from "vitest";
import { finalityPollMs } from "./check-finality";

describe("finalityPollMs", () => {
  it("checks often right after verification and thins out to one check every 5 minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((a) => finalityPollMs(a))).toEqual([15_000, 30_000, 60_000, 120_000, 240_000, 300_000, 300_000, 300_000]);
    expect(finalityPollMs(0, 0)).toBe(0);
  });
});
