import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { openSecret, sealSecret } from "./secret-box";
import { generateWebhookSecret } from "./sign";

describe("secret box", () => {
  const saved = process.env.JOPAY_SECRET;
  afterEach(() => {
    process.env.JOPAY_SECRET = saved;
    resetConfigForTests();
  });

  it("round-trips and never contains the plain secret", () => {
    const s = generateWebhookSecret();
    const sealed = sealSecret(s, "ep-1");
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain(s.slice(6, 20));
    expect(openSecret(sealed, "ep-1")).toBe(s);
    expect(sealSecret(s, "ep-1")).not.toBe(sealed); // fresh IV each time
  });

  it("does not open for another endpoint id or when tampered", () => {
    const sealed = sealSecret(generateWebhookSecret(), "ep-1");
    expect(() => openSecret(sealed, "ep-2")).toThrow();
    const raw = Buffer.from(sealed.slice(3), "base64url");
    raw[raw.length - 1] ^= 1;
    expect(() => openSecret(`v1:${raw.toString("base64url")}`, "ep-1")).toThrow();
  });

  it("does not open under another JOPAY_SECRET; works with the development fallback", () => {
    const s = generateWebhookSecret();
    const sealed = sealSecret(s, "ep-1");
    process.env.JOPAY_SECRET = "another-secret-another-secret-another-secret";
    resetConfigForTests();
    expect(() => openSecret(sealed, "ep-1")).toThrow();
    delete process.env.JOPAY_SECRET;
    resetConfigForTests();
    expect(openSecret(sealSecret(s, "ep-1"), "ep-1")).toBe(s);
  });
});
