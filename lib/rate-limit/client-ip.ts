// The caller's address for per-IP limits (public pay endpoints, failed API-key auth, console
// sign-in). Route handlers never see the socket, and `next start` writes the peer's address into
// X-Forwarded-For only when the request carries none (its base server does `??=`), so that header
// — like X-Real-IP — is whatever the client chose to send unless proxies of ours wrote it. The
// socket's address comes from our own server instead (server/serve.ts, `npm start`), which stamps
// it into PEER_HEADER on every request (lib/rate-limit/peer-header.ts).
//  - TRUSTED_PROXY_HOPS=0 (the default; clients connect straight to the app): the caller is the
//    peer. No header a client can write is believed.
//  - TRUSTED_PROXY_HOPS=n: the peer is our innermost proxy, and each of our n proxies appended the
//    address it saw to X-Forwarded-For; every entry before those is client text. Reading right to
//    left from the peer, the caller is n entries before it: the address our outermost proxy saw
//    (taking the first entry would let anyone reset their limit by inventing a header).
//  - Started without our server (plain `next start`) there is no peer: with n = 0 every caller
//    shares one "unknown" bucket per limit (errs towards limiting; logged once); with n > 0 the
//    proxies' entries still name the caller.
import { isIPv6 } from "node:net";
import { config } from "@/lib/config";
import { log } from "@/lib/log";
import { PEER_HEADER, peerHeaderTrusted } from "./peer-header";

export const UNKNOWN_PEER = "unknown";

let warned = false;

/** `stamped`: whether our server wrote PEER_HEADER (injectable for tests, like the hops). */
export function clientIpFrom(headers: Headers, trustedHops: number = config().TRUSTED_PROXY_HOPS, stamped = peerHeaderTrusted()): string {
  const peer = stamped ? headers.get(PEER_HEADER)?.trim() || undefined : undefined;
  if (trustedHops === 0) return normalise(peer ?? unstamped());
  const forwarded = headers.get("x-forwarded-for")?.split(",").map((h) => h.trim()).filter(Boolean) ?? [];
  const chain = peer === undefined ? forwarded : [...forwarded, peer];
  // Without the peer, the last entry is the one our innermost proxy appended.
  const at = chain.length - trustedHops - (peer === undefined ? 0 : 1);
  // A shorter chain: the request skipped some of our proxies, and the leftmost entry is the
  // nearest we have to the caller. None at all (no peer, no header): the shared bucket.
  return normalise(chain[Math.max(0, at)] ?? UNKNOWN_PEER);
}

function unstamped(): string {
  if (!warned) {
    warned = true;
    log.warn(`no ${PEER_HEADER} on requests: JoPay was not started with its own server (npm start, server/serve.ts), so per-IP rate limits count every client in one shared bucket`);
  }
  return UNKNOWN_PEER;
}

/**
 * One spelling per address. Proxies write X-Forwarded-For entries with ports (Azure:
 * `203.0.113.9:51234`, `[2001:db8::1]:443`); a dual-stack socket reports IPv4 peers as
 * ::ffff:a.b.c.d; IPv6 has many spellings of one address. Text that is no address is kept,
 * bounded: an X-Forwarded-For entry may be text a client chose.
 */
export function normalise(raw: string): string {
  let ip = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) ip = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(":"));
  ip = ip.replace(/%.*$/, ""); // an IPv6 zone (fe80::1%eth0) names our interface, not the client
  if (/^::ffff:[\d.]+$/i.test(ip)) ip = ip.slice(7);
  if (isIPv6(ip)) return rfc5952(hextets(ip));
  return ip.slice(0, 64);
}

/** The canonical text form (RFC 5952): lower case, no leading zeros, the longest zero run as `::`. */
function rfc5952(groups: number[]): string {
  let best = { at: -1, len: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(":");
  return `${hex.slice(0, best.at).join(":")}::${hex.slice(best.at + best.len).join(":")}`;
}

/**
 * Whose budget a per-IP limit counts against: an IPv4 address, or an IPv6 address's /64. One
 * subscriber is handed a whole /64 (RFC 6177) and picks new addresses in it at will, so counting
 * single IPv6 addresses would give each client 2^64 budgets.
 */
export function limitSubject(ip: string): string {
  if (!isIPv6(ip)) return ip;
  return `${rfc5952([...hextets(ip).slice(0, 4), 0, 0, 0, 0])}/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function hextets(ip: string): number[] {
  let text = ip.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((h) => parseInt(h, 16));
}
