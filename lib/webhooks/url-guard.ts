// SSRF guard for webhook URLs (SPEC §7): https only, and every address the host resolves to must be
// public. Checked at registration (checkWebhookUrl) and again when the socket connects
// (guardedLookup, used as the `lookup` of the delivery request), so a DNS answer that changes between
// the two (rebinding) cannot steer a delivery to an internal address: the socket only ever connects
// to an address this file approved.
//
// JOPAY_ALLOW_PRIVATE_WEBHOOKS=1 (development, tests) admits http and private/loopback targets for
// local receivers. Cloud metadata addresses stay refused even then.
import { Resolver as DnsResolver } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";

export interface ResolvedAddress {
  address: string;
  family: number;
}
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface GuardOptions {
  allowPrivate: boolean;
  /** Injectable for tests; default: the system resolver (all addresses). */
  resolve?: Resolver;
}

export class WebhookUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookUrlError";
  }
}

export const MAX_URL_LENGTH = 2048;

// Hosts are resolved with c-ares (dns.promises.Resolver), not dns.lookup: lookup runs getaddrinfo
// on libuv's four-thread pool with no timeout of ours, so a few partners whose name servers never
// answer would hold every thread, and every other partner's deliveries (and the process's file and
// crypto work) would wait behind them into their own timeouts. c-ares queries are asynchronous and
// bounded. It does not read /etc/hosts: "localhost" names are answered here (RFC 6761); other
// webhook hosts are public names by rule.
export function createSystemResolver(opts: { servers?: string[]; timeoutMs?: number; tries?: number } = {}): Resolver {
  const dns = new DnsResolver({ timeout: opts.timeoutMs ?? 2_000, tries: opts.tries ?? 2 });
  if (opts.servers) dns.setServers(opts.servers);
  return async (hostname) => {
    const name = hostname.toLowerCase().replace(/\.$/, "");
    if (name === "localhost" || name.endsWith(".localhost")) {
      return [{ address: "127.0.0.1", family: 4 }, { address: "::1", family: 6 }];
    }
    const [v4, v6] = await Promise.allSettled([dns.resolve4(name), dns.resolve6(name)]);
    const addresses = [
      ...(v4.status === "fulfilled" ? v4.value.map((address) => ({ address, family: 4 })) : []),
      ...(v6.status === "fulfilled" ? v6.value.map((address) => ({ address, family: 6 })) : []),
    ];
    if (addresses.length === 0) throw v4.status === "rejected" ? v4.reason : new Error(`${name} has no address`);
    return addresses;
  };
}

let system: Resolver | undefined;
export const systemResolver: Resolver = (hostname) => (system ??= createSystemResolver())(hostname);

// --- address classification -------------------------------------------------------------------

type Range = { bytes: number[]; prefix: number; why: string };

function v4(cidr: string, why: string): Range {
  const [ip, len] = cidr.split("/");
  return { bytes: ip.split(".").map(Number), prefix: Number(len), why };
}
function v6(cidr: string, why: string): Range {
  const [ip, len] = cidr.split("/");
  return { bytes: [...ipv6Bytes(ip)], prefix: Number(len), why };
}

const V4_BLOCKED: Range[] = [
  v4("0.0.0.0/8", "a 'this network' address"),
  v4("10.0.0.0/8", "a private (RFC 1918) address"),
  v4("100.64.0.0/10", "a carrier-grade NAT address"),
  v4("127.0.0.0/8", "a loopback address"),
  v4("169.254.0.0/16", "a link-local address"),
  v4("172.16.0.0/12", "a private (RFC 1918) address"),
  v4("192.0.0.0/24", "an IETF protocol address"),
  v4("192.0.2.0/24", "a documentation address"),
  v4("192.168.0.0/16", "a private (RFC 1918) address"),
  v4("198.18.0.0/15", "a benchmarking address"),
  v4("198.51.100.0/24", "a documentation address"),
  v4("203.0.113.0/24", "a documentation address"),
  v4("224.0.0.0/4", "a multicast address"),
  v4("240.0.0.0/4", "a reserved address"),
];

const V6_BLOCKED: Range[] = [
  v6("::/128", "the unspecified address"),
  v6("::1/128", "a loopback address"),
  v6("::ffff:0:0/96", "an IPv4-mapped IPv6 address"),
  v6("::/96", "an IPv4-compatible IPv6 address"),
  v6("64:ff9b::/96", "a NAT64 address"),
  v6("100::/64", "a discard address"),
  v6("2001:db8::/32", "a documentation address"),
  v6("2002::/16", "a 6to4 address"),
  v6("fc00::/7", "a unique local (ULA) address"),
  v6("fe80::/10", "a link-local address"),
  v6("ff00::/8", "a multicast address"),
];

/** Refused even with JOPAY_ALLOW_PRIVATE_WEBHOOKS=1: instance metadata services hand out credentials. */
const METADATA = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200"]);
const METADATA_V6 = [ipv6Bytes("fd00:ec2::254")];

function inRange(addr: Uint8Array, r: Range): boolean {
  let bits = r.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((addr[i] & mask) !== (r.bytes[i] & mask)) return false;
  }
  return true;
}

/** 16 bytes of an IPv6 address (accepts `::`, embedded dotted IPv4 and a `%zone`). */
export function ipv6Bytes(ip: string): Uint8Array {
  const clean = ip.replace(/^\[|\]$/g, "").split("%")[0];
  let head = clean;
  let tail4: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(clean);
  if (dotted) {
    tail4 = dotted[1].split(".").map(Number);
    head = clean.slice(0, -dotted[1].length);
    if (head.endsWith(":") && !head.endsWith("::")) head = head.slice(0, -1);
  }
  const groupsNeeded = 8 - tail4.length / 2;
  const [left, right] = head.includes("::") ? head.split("::") : [head, undefined];
  const l = left ? left.split(":").filter((g) => g !== "") : [];
  const r = right !== undefined ? right.split(":").filter((g) => g !== "") : [];
  const groups = right !== undefined ? [...l, ...Array(groupsNeeded - l.length - r.length).fill("0"), ...r] : l;
  const out = new Uint8Array(16);
  groups.slice(0, groupsNeeded).forEach((g, i) => {
    const n = parseInt(g, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  });
  tail4.forEach((b, i) => (out[12 + i] = b));
  return out;
}

function embeddedV4(b: Uint8Array): string | null {
  const isMapped = b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
  return isMapped ? `${b[12]}.${b[13]}.${b[14]}.${b[15]}` : null;
}

/** Why an address may not receive webhooks, or null if it may. */
export function blockedReason(ip: string, allowPrivate: boolean): string | null {
  const family = isIP(ip.replace(/^\[|\]$/g, "").split("%")[0]);
  if (family === 4) {
    if (METADATA.has(ip)) return "a cloud metadata address";
    if (allowPrivate) return null;
    return V4_BLOCKED.find((r) => inRange(Uint8Array.from(ip.split(".").map(Number)), r))?.why ?? null;
  }
  if (family === 6) {
    const b = ipv6Bytes(ip);
    const mapped = embeddedV4(b);
    if (mapped && METADATA.has(mapped)) return "a cloud metadata address";
    if (METADATA_V6.some((m) => Buffer.from(m).equals(Buffer.from(b)))) return "a cloud metadata address";
    if (allowPrivate) return null;
    return V6_BLOCKED.find((r) => inRange(b, r))?.why ?? null;
  }
  return "not an IP address";
}

// --- URL checks -----------------------------------------------------------------------------

/** Syntax and scheme checks that need no DNS. Returns the parsed URL. */
export function parseWebhookUrl(raw: string, allowPrivate: boolean): URL {
  if (raw.length > MAX_URL_LENGTH) throw new WebhookUrlError(`must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlError("must be an absolute https URL");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowPrivate)) {
    throw new WebhookUrlError("must use https");
  }
  if (url.username || url.password) throw new WebhookUrlError("must not contain credentials");
  if (!url.hostname) throw new WebhookUrlError("must name a host");
  return url;
}

/** Host as given to the resolver: brackets stripped from IPv6 literals. */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}

/** Registration-time check: scheme, then every resolved address. Throws WebhookUrlError. */
export async function checkWebhookUrl(raw: string, opts: GuardOptions): Promise<URL> {
  const url = parseWebhookUrl(raw, opts.allowPrivate);
  await resolveAllowed(urlHost(url), opts);
  return url;
}

/** Resolves a host and returns its addresses if ALL are allowed; one bad answer refuses the host. */
export async function resolveAllowed(host: string, opts: GuardOptions): Promise<ResolvedAddress[]> {
  if (isIP(host)) {
    const why = blockedReason(host, opts.allowPrivate);
    if (why) throw new WebhookUrlError(`must not point to ${why}`);
    return [{ address: host, family: isIP(host) }];
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (opts.resolve ?? systemResolver)(host);
  } catch {
    throw new WebhookUrlError(`host ${host} does not resolve`);
  }
  if (addresses.length === 0) throw new WebhookUrlError(`host ${host} does not resolve`);
  for (const a of addresses) {
    const why = blockedReason(a.address, opts.allowPrivate);
    if (why) throw new WebhookUrlError(`host ${host} resolves to ${why}`);
  }
  return addresses;
}

/**
 * A `lookup` for node:http(s)/net that resolves through the guard, so the connection is made only
 * to addresses checked here — at connect time, not at registration.
 */
export function guardedLookup(opts: GuardOptions): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowed(hostname, opts).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        if (wanted.length === 0) {
          callback(Object.assign(new Error(`no allowed address of family ${options.family} for ${hostname}`), { code: "ENOTFOUND" }), "", 0);
        } else if (options.all) {
          callback(null, wanted);
        } else {
          callback(null, wanted[0].address, wanted[0].family);
        }
      },
      (err: Error) => callback(Object.assign(err, { code: "EWEBHOOKBLOCKED" }), "", 0),
    );
  };
}
