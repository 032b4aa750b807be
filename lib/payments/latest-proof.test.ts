import { describe, expect, it } from "vitest";
import type { Proof } from "@/lib/generated/prisma/client";
import { shownProofs } from "./latest-proof";

const proof = (id: string, requestId: string, outcome: Proof["outcome"], minute: number) =>
  ({ id, requestId, outcome, createdAt: new Date(Date.UTC(2026, 11, 1, 12, minute)) }) as Proof;

describe("shownProofs", () => {
  it("shows the proof that paid a request over newer superseded ones, else the newest (rejected included)", () => {
    const shown = shownProofs([
      proof("p1", "paid", "verified", 1),
      proof("p2", "paid", "rejected", 2), // superseded
      proof("q1", "refused", "rejected", 1),
      proof("q2", "refused", "rejected", 3),
      proof("r1", "waiting", "rejected", 1),
      proof("r2", "waiting", "pending", 2),
    ]);
    expect(shown.get("paid")?.id).toBe("p1");
    expect(shown.get("refused")?.id).toBe("q2");
    expect(shown.get("waiting")?.id).toBe("r2");
    expect(shown.get("none")).toBeUndefined();
  });
});
