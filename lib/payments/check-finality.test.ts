import { describe, expect, it } from "vitest";
import { finalityPollMs } from "./check-finality";

describe("finalityPollMs", () => {
  it("checks often right after verification and thins out with age to one check every 5 minutes", () => {
    const s = 1_000;
    expect([0, 10 * s, 40 * s, 150 * s, 600 * s, 86_400 * s].map((age) => finalityPollMs(age))).toEqual([15 * s, 15 * s, 40 * s, 150 * s, 300 * s, 300 * s]);
    expect(finalityPollMs(0, 0)).toBe(0);
  });
});
