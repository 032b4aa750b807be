// The pay page's live status poll when JoPay does not answer (components/pay/phase.ts): each failed
// poll in a row doubles the wait, up to 30 s, and one success brings back the phase's own pace.
import { describe, expect, it } from "vitest";
import { pollInterval, RECONNECTING_AFTER_FAILURES, retryInterval } from "@/components/pay/phase";

describe("retryInterval", () => {
  it("is the phase's pace without failures, doubles per failure, and stops at 30 s", () => {
    expect(retryInterval("waiting", 0)).toBe(pollInterval("waiting"));
    expect([1, 2, 3, 4, 5, 50].map((f) => retryInterval("waiting", f))).toEqual([4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(retryInterval("expired", 1)).toBe(20_000);
    expect(RECONNECTING_AFTER_FAILURES).toBeGreaterThan(0);
  });
});
