import { describe, expect, it } from "vitest";
import { MAX_AMOUNT_TAG, tagCandidateBatches } from "./amount-tag";

const all = (random?: () => number) => [...tagCandidateBatches(random)];

describe("tagCandidateBatches", () => {
  it("tries 0 first, then offers every tag 1..9,999 exactly once", () => {
    for (let run = 0; run < 3; run++) {
      const order = all().flat();
      expect(order[0]).toBe(0);
      expect(order).toHaveLength(MAX_AMOUNT_TAG + 1);
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: MAX_AMOUNT_TAG + 1 }, (_, i) => i));
    }
  });

  it("orders 1..9,999 at random, not onwards from one place", () => {
    const firsts = all().flat().slice(1, 64);
    const steps = firsts.slice(1).filter((t, i) => t === firsts[i] + 1).length;
    expect(steps).toBeLessThan(10); // consecutive runs would be 62
    const a = all().flat().slice(1, 20);
    const b = all().flat().slice(1, 20);
    expect(a).not.toEqual(b);
    // With a random source that always says "keep this one", the order is 1, 2, 3, …
    expect(all(() => 0).flat().slice(0, 4)).toEqual([0, 1, 2, 3]);
  });

  it("cuts the order into batches that grow ×4, so the last tag is reached in 5 statements", () => {
    expect(all().map((b) => b.length)).toEqual([64, 256, 1_024, 4_096, 4_560]);
  });

  it("shuffles lazily: taking only the first batch leaves the rest undrawn", () => {
    let draws = 0;
    const first = tagCandidateBatches(() => (draws++, 0.5)).next().value!;
    expect(first).toHaveLength(64);
    expect(draws).toBe(63);
  });
});
