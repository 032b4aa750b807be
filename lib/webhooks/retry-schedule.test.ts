import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_SCHEDULE_MS, nextRetryDelayMs } from "./retry-schedule";

describe("retry schedule", () => {
  it("is SPEC §7's: 0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h", () => {
    expect(DEFAULT_RETRY_SCHEDULE_MS.map((ms) => ms / 1000)).toEqual([0, 5, 300, 1800, 7200, 18000, 36000, 36000]);
  });

  it("jitters within ±10 % and ends after the last attempt", () => {
    expect(nextRetryDelayMs(DEFAULT_RETRY_SCHEDULE_MS, 1, () => 0)).toBe(4_500);
    expect(nextRetryDelayMs(DEFAULT_RETRY_SCHEDULE_MS, 1, () => 1)).toBe(5_500);
    expect(nextRetryDelayMs(DEFAULT_RETRY_SCHEDULE_MS, 2, () => 0.5)).toBe(300_000);
    expect(nextRetryDelayMs(DEFAULT_RETRY_SCHEDULE_MS, 7)).toBeGreaterThanOrEqual(32_400_000);
    expect(nextRetryDelayMs(DEFAULT_RETRY_SCHEDULE_MS, 8)).toBeNull();
    expect(nextRetryDelayMs([0, 200, 400], 3)).toBeNull();
  });
});
