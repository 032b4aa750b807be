// The caller's address for per-IP limits (public pay endpoints, failed API-key auth, console
// sign-in). Route handlers never see the socket, and `next start` writes the peer's address into
// X-Forwarded-For only when the request carries none (its base server does `??=`), so that header
// — like X-Real-IP — is whatever the client chose to send unless proxies of ours wrote it. The
// socket's address comes from our own server instead (server/serve.ts, `npm start`), which stamps
// it into PEER_HEADER on every request (lib/api/peer-header.ts).
//  - TRUSTED_PROXY_HOPS=0 (the default; clients connect straight to the app): the caller is the
//    peer. No header a client can write is believed.
//  - TRUSTED_PROXY_HOPS=n: the peer is our innermost proxy, and each of our n proxies appended the
//    address it saw to X-Forwarded-For; every entry before those is client text. Reading right to
//    left from the peer, the caller is n entries before it: the address our outermost proxy saw
//    (taking the first entry would let anyone reset their limit by inventing a header).
//  - Started without our server (plain `next start`) there is no peer: with n = 0 every caller
//    shares one "unknown" bucket per limit (errs towards limiting; logged once); with n > 0 the
//    proxies' entries still name the caller.
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

function normalise(ip: string): string {
  // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; one client, one key. Bound what
  // reaches a counter key: an X-Forwarded-For entry is text a client may have chosen.
  return (ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice(7) : ip).slice(0, 64);
}
