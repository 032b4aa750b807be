import { describe, expect, it } from "vitest";
import { modeToggleTarget } from "./mode-target";

describe("modeToggleTarget", () => {
  it("keeps the console page and its query", () => {
    expect(modeToggleTarget("/partner/webhooks")).toBe("/partner/webhooks");
    expect(modeToggleTarget("/partner/merchants?q=cafe")).toBe("/partner/merchants?q=cafe");
    expect(modeToggleTarget("/partner/requests?status=paid")).toBe("/partner/requests?status=paid");
    expect(modeToggleTarget("/partner")).toBe("/partner");
    expect(modeToggleTarget("/partner?x=1")).toBe("/partner?x=1");
  });

  it("sends a request's page to the request list (the request exists in one mode only)", () => {
    expect(modeToggleTarget("/partner/requests/0190a1b2-0000-7000-8000-000000000000")).toBe("/partner/requests");
  });

  it("refuses anything that is not a console page", () => {
    for (const bad of [undefined, null, 42, "", "https://evil.example/partner", "//evil.example", "/partnerevil", "/admin", "/partner\\@evil", "/partner/ x", "/partner/sign-in", "/partner/invite?token=x", `/partner/${"a".repeat(2001)}`]) {
      expect(modeToggleTarget(bad)).toBe("/partner");
    }
  });
});
