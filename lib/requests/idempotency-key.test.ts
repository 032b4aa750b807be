import { describe, expect, it } from "vitest";
import { isValidIdempotencyKey, resolveIdempotencyKey } from "./idempotency-key";

describe("idempotency key format (seeds: 32–64 chars, base64url or hex)", () => {
  it.each([
    ["a".repeat(32), true],
    ["a".repeat(64), true],
    ["a".repeat(31), false],
    ["a".repeat(65), false],
    ["a1b2c3d4e5f67890abcdef1234567890", true], // the seed's example
    ["550e8400-e29b-41d4-a716-446655440000", true], // a UUID v4
    ["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", true], // SHA-256 hex
    ["AZaz09_-".repeat(4), true],
    ["abc+def/".repeat(4), false], // base64 (not url-safe)
    ["a".repeat(31) + "=", false],
    ["a".repeat(31) + " ", false],
    ["é".repeat(32), false],
    ["order-42", false],
  ])("%j → %s", (key, ok) => {
    expect(isValidIdempotencyKey(key)).toBe(ok);
  });

  it("generates a UUID when none is given, and rejects a malformed one with its own code", () => {
    const r = resolveIdempotencyKey(undefined);
    expect(r.given).toBe(false);
    expect(r.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(() => resolveIdempotencyKey("short")).toThrow(expect.objectContaining({ code: "invalid_idempotency_key" }));
  });
});
