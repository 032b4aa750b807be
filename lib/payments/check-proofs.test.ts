import { describe, expect, it } from "vitest";
import { missingReceiptDelayMs, RPC_ERROR_RETRY_MAX_MS, rpcErrorDelayMs } from "./check-proofs";

describe("re-check delays", () => {
  it("after an RPC error: 0.5 s, 1 s, 2 s, then 4 s however many checks came before, jittered ±25%", () => {
    const mid = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5, 40, 1_000].map((a) => rpcErrorDelayMs(a, mid))).toEqual([500, 1_000, 2_000, 4_000, 4_000, 4_000, 4_000]);
    expect(rpcErrorDelayMs(40, () => 0)).toBe(RPC_ERROR_RETRY_MAX_MS * 0.75);
    expect(rpcErrorDelayMs(40, () => 0.999999)).toBeLessThanOrEqual(RPC_ERROR_RETRY_MAX_MS * 1.25);
  });

  it("for a receipt not found: a tenth of how long the hash has been unknown, 0.5 s to 60 s", () => {
    expect(missingReceiptDelayMs(0)).toBe(500);
    expect(missingReceiptDelayMs(20_000)).toBe(2_000);
    expect(missingReceiptDelayMs(5 * 60_000)).toBe(30_000);
    expect(missingReceiptDelayMs(3_600_000)).toBe(60_000);
  });
});
