// Table-driven SSRF cases: literals, hostnames through a fake resolver, and the connect-time lookup.
import { describe, expect, it } from "vitest";
import { blockedReason, checkWebhookUrl, guardedLookup, ipv6Bytes, type Resolver } from "./url-guard";

const fakeDns = (table: Record<string, string[]>): Resolver => async (host) => {
  const ips = table[host];
  if (!ips) throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return ips.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

const dns = fakeDns({
  "hooks.partner.example": ["93.184.216.34"],
  "v6.partner.example": ["2606:4700::1111"],
  "internal.partner.example": ["10.1.2.3"],
  "mixed.partner.example": ["93.184.216.34", "192.168.1.10"],
  "loop.partner.example": ["127.0.0.1"],
  "ula.partner.example": ["fd12:3456::1"],
  "metadata.partner.example": ["169.254.169.254"],
});

describe("blockedReason", () => {
  it.each([
    ["127.0.0.1", /loopback/],
    ["127.255.255.254", /loopback/],
    ["10.0.0.1", /RFC 1918/],
    ["172.16.0.1", /RFC 1918/],
    ["172.31.255.255", /RFC 1918/],
    ["192.168.0.1", /RFC 1918/],
    ["169.254.1.1", /link-local/],
    ["100.64.0.1", /carrier-grade/],
    ["0.0.0.0", /this network/],
    ["224.0.0.1", /multicast/],
    ["255.255.255.255", /reserved/],
    ["::1", /loopback/],
    ["::", /unspecified/],
    ["fd00::1", /unique local/],
    ["fc00::1", /unique local/],
    ["fe80::1", /link-local/],
    ["fe80::1%eth0", /link-local/],
    ["ff02::1", /multicast/],
    ["::ffff:127.0.0.1", /IPv4-mapped/],
    ["::ffff:7f00:1", /IPv4-mapped/],
    ["::ffff:8.8.8.8", /IPv4-mapped/],
    ["64:ff9b::a00:1", /NAT64/],
    ["169.254.169.254", /metadata/],
    ["fd00:ec2::254", /metadata/],
    ["::ffff:169.254.169.254", /metadata/],
  ])("refuses %s", (ip, why) => {
    expect(blockedReason(ip, false)).toMatch(why);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "2a00:1450:4001::200e"])("admits public %s", (ip) => {
    expect(blockedReason(ip, false)).toBeNull();
  });

  it("JOPAY_ALLOW_PRIVATE_WEBHOOKS admits private targets but never metadata addresses", () => {
    for (const ip of ["127.0.0.1", "10.0.0.1", "::1", "fd00::1", "::ffff:127.0.0.1"]) expect(blockedReason(ip, true)).toBeNull();
    for (const ip of ["169.254.169.254", "fd00:ec2::254", "fd00:ec2:0:0:0:0:0:254", "::ffff:169.254.169.254"]) {
      expect(blockedReason(ip, true)).toMatch(/metadata/);
    }
  });

  it("parses IPv6 forms to the same bytes", () => {
    expect([...ipv6Bytes("::ffff:127.0.0.1")]).toEqual([...ipv6Bytes("::ffff:7f00:1")]);
    expect([...ipv6Bytes("fd00:ec2::254")]).toEqual([...ipv6Bytes("fd00:ec2:0:0:0:0:0:254")]);
    expect([...ipv6Bytes("::1")].at(-1)).toBe(1);
  });
});

describe("checkWebhookUrl (switch off)", () => {
  const off = { allowPrivate: false, resolve: dns };

  it.each([
    ["https://hooks.partner.example/jopay", "hooks.partner.example"],
    ["https://v6.partner.example:8443/x?y=1", "v6.partner.example"],
    ["https://93.184.216.34/hook", "93.184.216.34"],
  ])("accepts %s", async (url, host) => {
    expect((await checkWebhookUrl(url, off)).hostname).toBe(host);
  });

  it.each([
    ["http://hooks.partner.example/", /https/],
    ["ftp://hooks.partner.example/", /https/],
    ["file:///etc/passwd", /https/],
    ["gopher://hooks.partner.example/", /https/],
    ["javascript:alert(1)", /https/],
    ["not a url", /absolute https URL/],
    ["https://user:pw@hooks.partner.example/", /credentials/],
    ["https://127.0.0.1/", /loopback/],
    ["https://2130706433/", /loopback/], // decimal form of 127.0.0.1
    ["https://0x7f.0.0.1/", /loopback/],
    ["https://[::1]/", /loopback/],
    ["https://[::ffff:127.0.0.1]/", /IPv4-mapped/],
    ["https://[fd00::1]/", /unique local/],
    ["https://[fe80::1]/", /link-local/],
    ["https://10.0.0.1/", /RFC 1918/],
    ["https://192.168.1.1/", /RFC 1918/],
    ["https://172.20.0.1/", /RFC 1918/],
    ["https://169.254.169.254/latest/meta-data", /metadata/],
    ["https://internal.partner.example/", /resolves to a private/],
    ["https://mixed.partner.example/", /resolves to a private/],
    ["https://loop.partner.example/", /resolves to a loopback/],
    ["https://ula.partner.example/", /resolves to a unique local/],
    ["https://nxdomain.partner.example/", /does not resolve/],
    [`https://hooks.partner.example/${"a".repeat(2100)}`, /at most/],
  ])("refuses %s", async (url, why) => {
    await expect(checkWebhookUrl(url, off)).rejects.toThrow(why);
  });
});

describe("checkWebhookUrl (switch on)", () => {
  const on = { allowPrivate: true, resolve: dns };
  it("admits http and local receivers", async () => {
    await expect(checkWebhookUrl("http://127.0.0.1:4000/hook", on)).resolves.toBeTruthy();
    await expect(checkWebhookUrl("https://internal.partner.example/", on)).resolves.toBeTruthy();
  });
  it("still refuses metadata and non-http schemes", async () => {
    await expect(checkWebhookUrl("http://169.254.169.254/", on)).rejects.toThrow(/metadata/);
    await expect(checkWebhookUrl("http://[fd00:ec2::254]/", on)).rejects.toThrow(/metadata/);
    await expect(checkWebhookUrl("https://metadata.partner.example/", on)).rejects.toThrow(/metadata/);
    await expect(checkWebhookUrl("ftp://127.0.0.1/", on)).rejects.toThrow(/https/);
  });
});

describe("guardedLookup (connect time)", () => {
  const lookupOnce = (resolve: Resolver, host: string, all = false) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((done) => {
      guardedLookup({ allowPrivate: false, resolve })(host, { all }, (err, address) => done({ err, address }));
    });

  it("passes public answers through, single and all", async () => {
    expect((await lookupOnce(dns, "hooks.partner.example")).address).toBe("93.184.216.34");
    expect((await lookupOnce(dns, "hooks.partner.example", true)).address).toEqual([{ address: "93.184.216.34", family: 4 }]);
  });

  it("refuses a host that was public at registration but rebinds to a private address at connect", async () => {
    let calls = 0;
    const rebinding: Resolver = async () => [{ address: calls++ === 0 ? "93.184.216.34" : "10.0.0.7", family: 4 }];
    await expect(checkWebhookUrl("https://rebind.example/", { allowPrivate: false, resolve: rebinding })).resolves.toBeTruthy();
    const { err } = await lookupOnce(rebinding, "rebind.example");
    expect(err?.code).toBe("EWEBHOOKBLOCKED");
    expect(err?.message).toMatch(/private/);
  });
});
