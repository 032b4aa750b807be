import { describe, expect, it } from "vitest";
import { eventId, uuidv7, UUID_RE } from "./ids";

describe("uuidv7", () => {
  it("is an RFC 9562 version-7 UUID carrying the time", () => {
    const at = Date.now() + 60_000; // later than any id made before in this process
    const id = uuidv7(at);
    expect(id).toMatch(UUID_RE);
    expect(id[14]).toBe("7");
    expect("89ab").toContain(id[19]);
    expect(parseInt(id.replaceAll("-", "").slice(0, 12), 16)).toBe(at);
  });

  it("is unique and sorts in the order made, across many refills of the random pool", () => {
    const ids = Array.from({ length: 5_000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // The random tail differs id to id (not one pool slice reused).
    const tails = new Set(ids.map((id) => id.slice(24)));
    expect(tails.size).toBe(ids.length);
  });

  it("event ids are evt_ + 32 hex", () => {
    expect(eventId()).toMatch(/^evt_[0-9a-f]{32}$/);
  });
});
