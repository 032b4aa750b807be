import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";

const h = (init: Record<string, string>) => new Headers(init);

describe("clientIpFrom", () => {
  it("trusts only the hop our proxy appended, not what the client sent before it", () => {
    expect(clientIpFrom(h({ "x-forwarded-for": "1.2.3.4, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIpFrom(h({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
  });
  it("behind two proxies (TRUSTED_PROXY_HOPS=2) takes the address the outer one saw", () => {
    expect(clientIpFrom(h({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" }), 2)).toBe("198.51.100.7");
    expect(clientIpFrom(h({ "x-forwarded-for": "198.51.100.7, 10.0.0.2" }), 2)).toBe("198.51.100.7");
    expect(clientIpFrom(h({ "x-forwarded-for": "10.0.0.2" }), 2)).toBe("10.0.0.2");
  });
  it("falls back to X-Real-IP, then to one shared bucket", () => {
    expect(clientIpFrom(h({ "x-real-ip": "198.51.100.7" }))).toBe("198.51.100.7");
    expect(clientIpFrom(h({}))).toBe("unknown");
    expect(clientIpFrom(h({ "x-forwarded-for": " , " }))).toBe("unknown");
  });
  it("bounds the length of what reaches a counter key", () => {
    expect(clientIpFrom(h({ "x-forwarded-for": "x".repeat(500) }))).toHaveLength(64);
  });
});
