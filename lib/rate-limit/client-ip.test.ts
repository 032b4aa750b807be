import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/config";
import { log } from "@/lib/log";
import { clientIpFrom, limitSubject, normalise } from "./client-ip";

const h = (init: Record<string, string>) => new Headers(init);
// What our server stamps: the socket's address (server/web-server.ts).
const peer = "192.0.2.10";

afterEach(() => vi.restoreAllMocks());

describe("clientIpFrom under our server (the peer header is ours)", () => {
  it("with TRUSTED_PROXY_HOPS=0 (the default) the caller is the peer, whatever headers say", () => {
    expect(parseEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(clientIpFrom(h({ "x-jopay-peer": peer }), 0, true)).toBe(peer);
    expect(clientIpFrom(h({ "x-jopay-peer": peer, "x-forwarded-for": "1.2.3.4, 203.0.113.9", "x-real-ip": "198.51.100.7" }), 0, true)).toBe(peer);
  });
  it("behind one proxy the peer is the proxy and the entry it appended names the caller", () => {
    const proxy = { "x-jopay-peer": "10.0.0.2" };
    expect(clientIpFrom(h({ ...proxy, "x-forwarded-for": "1.2.3.4, 203.0.113.9" }), 1, true)).toBe("203.0.113.9");
    expect(clientIpFrom(h({ ...proxy, "x-forwarded-for": "203.0.113.9" }), 1, true)).toBe("203.0.113.9");
  });
  it("behind two proxies takes the address the outer one saw", () => {
    const inner = { "x-jopay-peer": "10.0.0.3" };
    expect(clientIpFrom(h({ ...inner, "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" }), 2, true)).toBe("198.51.100.7");
    expect(clientIpFrom(h({ ...inner, "x-forwarded-for": "198.51.100.7, 10.0.0.2" }), 2, true)).toBe("198.51.100.7");
  });
  it("a request that skipped our proxies counts as the nearest address it carries, the peer when it carries none", () => {
    // Straight to the app with no header: Next fills X-Forwarded-For from the socket, or leaves none.
    expect(clientIpFrom(h({ "x-jopay-peer": peer, "x-forwarded-for": peer }), 1, true)).toBe(peer);
    expect(clientIpFrom(h({ "x-jopay-peer": peer }), 1, true)).toBe(peer);
    expect(clientIpFrom(h({ "x-jopay-peer": peer, "x-forwarded-for": " , " }), 2, true)).toBe(peer);
    expect(clientIpFrom(h({ "x-jopay-peer": "10.0.0.3", "x-forwarded-for": "10.0.0.2" }), 2, true)).toBe("10.0.0.2");
  });
  it("an IPv4 peer on a dual-stack socket is the same client as over IPv4", () => {
    expect(clientIpFrom(h({ "x-jopay-peer": "::ffff:192.0.2.10" }), 0, true)).toBe(peer);
    expect(clientIpFrom(h({ "x-jopay-peer": "2001:db8::1" }), 0, true)).toBe("2001:db8::1");
  });
  it("bounds the length of what reaches a counter key", () => {
    expect(clientIpFrom(h({ "x-jopay-peer": peer, "x-forwarded-for": "x".repeat(500) }), 1, true)).toHaveLength(64);
  });
});

describe("clientIpFrom without our server (plain `next start`: a peer header is client text)", () => {
  it("with TRUSTED_PROXY_HOPS=0 believes no header: every caller is the one unknown peer, logged once", () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    expect(clientIpFrom(h({ "x-jopay-peer": "203.0.113.9" }), 0, false)).toBe("unknown");
    expect(clientIpFrom(h({ "x-forwarded-for": "1.2.3.4, 203.0.113.9", "x-real-ip": "198.51.100.7" }), 0, false)).toBe("unknown");
    expect(clientIpFrom(h({}), 0, false)).toBe("unknown");
    expect(warn).toHaveBeenCalledTimes(1);
  });
  it("behind proxies the entries they appended still name the caller; a peer header is ignored", () => {
    expect(clientIpFrom(h({ "x-forwarded-for": "1.2.3.4, 203.0.113.9", "x-jopay-peer": "6.6.6.6" }), 1, false)).toBe("203.0.113.9");
    expect(clientIpFrom(h({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" }), 2, false)).toBe("198.51.100.7");
    expect(clientIpFrom(h({ "x-forwarded-for": "10.0.0.2" }), 2, false)).toBe("10.0.0.2");
  });
  it("without a usable X-Forwarded-For falls back to the shared bucket, never to X-Real-IP", () => {
    expect(clientIpFrom(h({ "x-real-ip": "198.51.100.7" }), 1, false)).toBe("unknown");
    expect(clientIpFrom(h({ "x-forwarded-for": " , " }), 1, false)).toBe("unknown");
  });
});

describe("one spelling per address, one budget per IPv6 /64", () => {
  it("strips the ports and brackets proxies write, the IPv4-mapped prefix and IPv6 zones", () => {
    expect(normalise("203.0.113.9:51234")).toBe("203.0.113.9");
    expect(normalise("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalise("[2001:db8::1]")).toBe("2001:db8::1");
    expect(normalise("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(normalise("fe80::1%eth0")).toBe("fe80::1");
    expect(normalise(" 198.51.100.7 ")).toBe("198.51.100.7");
  });
  it("spells every form of one IPv6 address the same", () => {
    const forms = ["2001:DB8::1", "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8:0:0::1", "2001:db8::0:1"];
    expect(new Set(forms.map(normalise))).toEqual(new Set(["2001:db8::1"]));
    expect(normalise("::")).toBe("::");
    expect(normalise("::1")).toBe("::1");
    expect(normalise("1:0:0:2:0:0:0:3")).toBe("1:0:0:2::3");
    expect(normalise("1:0:0:2:0:0:3:4")).toBe("1::2:0:0:3:4");
    expect(normalise("1:2:3:4:5:6:7:8")).toBe("1:2:3:4:5:6:7:8");
    expect(normalise("1:0:2:3:4:5:6:7")).toBe("1:0:2:3:4:5:6:7");
    expect(normalise("64:ff9b::192.0.2.33")).toBe("64:ff9b::c000:221");
  });
  it("leaves text that is no address bounded but otherwise as it is", () => {
    expect(normalise("unknown")).toBe("unknown");
    expect(normalise("x".repeat(500))).toHaveLength(64);
  });
  it("counts an IPv6 client's whole /64 as one subject, IPv4 addresses one by one", () => {
    expect(limitSubject("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(limitSubject(normalise("2001:db8:1:2:ffff:ffff:ffff:ffff"))).toBe("2001:db8:1:2::/64");
    expect(limitSubject("2001:db8:1:3::1")).not.toBe(limitSubject("2001:db8:1:2::1"));
    expect(limitSubject("198.51.100.7")).toBe("198.51.100.7");
    expect(limitSubject("unknown")).toBe("unknown");
  });
  it("reads an X-Forwarded-For entry with a port as the address", () => {
    expect(clientIpFrom(h({ "x-jopay-peer": "10.0.0.2", "x-forwarded-for": "203.0.113.9:51234" }), 1, true)).toBe("203.0.113.9");
    expect(clientIpFrom(h({ "x-jopay-peer": "10.0.0.2", "x-forwarded-for": "[2001:db8::5]:443" }), 1, true)).toBe("2001:db8::5");
  });
});
