// The socket's address for lib/rate-limit/client-ip.ts. Route handlers see only headers, so the server in
// front of Next (server/web-server.ts) writes each request's peer address into a header of our own
// before Next sees the request, over any copy the client sent. In a process that was not started
// through it (plain `next start`) nothing stamps, and a header of that name is client text: it is
// believed only in a process whose server stamps every request (peerHeaderTrusted).
import type { IncomingMessage } from "node:http";

export const PEER_HEADER = "x-jopay-peer";

// On globalThis rather than in a module variable: the server entry loads this module once and
// Next's server bundle, where the route handlers read the header, holds its own copy.
const TRUSTED = Symbol.for("jopay.peer-header-trusted");
const flags = globalThis as { [TRUSTED]?: boolean };

/**
 * Declares that every request in this process passes stampPeer before it reaches a handler: the
 * web server calls it when it is created, test/support/call-route.ts because it stands in for it.
 */
export function trustPeerHeader(): void {
  flags[TRUSTED] = true;
}

export function peerHeaderTrusted(): boolean {
  return flags[TRUSTED] === true;
}

/** Replaces every client-sent PEER_HEADER with the socket's address. */
export function stampPeer(req: IncomingMessage): void {
  // Next reads req.headers, which Node builds from rawHeaders on first use; scrub both, so no
  // client copy survives anywhere a later reader could look.
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (raw[i].length === PEER_HEADER.length && raw[i].toLowerCase() === PEER_HEADER) raw.splice(i, 2);
  }
  // No address only once the socket is gone, when no answer reaches anyone anyway.
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "unknown";
}
