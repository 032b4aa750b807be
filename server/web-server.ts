// The node:http server in front of Next's request handler (server/serve.ts). Before Next sees a
// request it stamps the socket's address into a header of our own (lib/rate-limit/peer-header.ts), which
// is how per-IP limits learn the caller without believing X-Forwarded-For. stop() is the graceful
// end: no new connections, in-flight requests finish, then every connection is closed.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { stampPeer, trustPeerHeader } from "../lib/rate-limit/peer-header";
import { log } from "../lib/log";
import { answerClientError, answerConnect, apiEdgeAnswer } from "./api-edge";
import { consoleCsp, isConsolePath, securityHeaders } from "./security-headers";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface WebServer {
  server: Server;
  /** Resolves once every request has been answered, or after `graceMs` with what is left cut off. */
  stop(graceMs: number): Promise<void>;
}

export function createWebServer(handle: RequestHandler, opts: { https?: boolean; consoleCsp?: boolean } = {}): WebServer {
  trustPeerHeader();
  const protections = Object.entries(securityHeaders({ https: opts.https ?? false }));
  const inFlight = new Set<ServerResponse>();
  const upgraded = new Set<Socket>();
  let stopping = false;

  const server = createServer((req, res) => {
    for (const [name, value] of protections) res.setHeader(name, value);
    // What Next would answer in HTML or not at all under /api: the error table's JSON instead.
    const edge = apiEdgeAnswer(req.method, req.url);
    if (edge) return void res.writeHead(edge.status, edge.headers).end(req.method === "HEAD" ? undefined : edge.body);
    stampPeer(req);
    // A policy a client sent as a request header would choose the nonce Next stamps: never kept.
    delete req.headers["content-security-policy"];
    delete req.headers["content-security-policy-report-only"];
    if (opts.consoleCsp && isConsolePath(req.url)) {
      const policy = consoleCsp(randomBytes(16).toString("base64"));
      req.headers["content-security-policy"] = policy; // read by Next to stamp its scripts
      res.setHeader("Content-Security-Policy", policy);
    }
    // A keep-alive connection can carry new requests after close(): answer them, then hang up.
    if (stopping) res.setHeader("connection", "close");
    inFlight.add(res);
    res.once("close", () => {
      inFlight.delete(res);
      // Its connection is idle now; close() is waiting for it.
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
    handle(req, res).catch((err: unknown) => {
      // As `next start` does for what Next's handler itself throws.
      log.error("request handler failed", { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  server.on("clientError", answerClientError);
  server.on("connect", answerConnect);
  // Keep idle connections longer than the load balancers in front usually do (AWS ALB: 60 s), so
  // they never reuse a connection this server has just closed (a 502 for the client). Node's 5 s
  // default is shorter than every common proxy's. stop() closes idle ones at once anyway.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // Next attaches its own upgrade listener (development's hot reload) on the first request; ours
  // goes first so those requests are stamped too, and remembers the sockets: an upgraded
  // connection never goes idle, so stop() closes it.
  server.prependListener("upgrade", (req: IncomingMessage, socket: Socket) => {
    // Before Next's listener exists no one would answer it (Node hangs up when none listens).
    if (server.listenerCount("upgrade") === 1) return void socket.destroy();
    stampPeer(req);
    upgraded.add(socket);
    socket.once("close", () => upgraded.delete(socket));
  });

  function stop(graceMs: number): Promise<void> {
    stopping = true;
    return new Promise((resolve) => {
      const cut = setTimeout(() => {
        server.closeAllConnections();
        resolve();
      }, graceMs);
      server.close(() => {
        clearTimeout(cut);
        resolve();
      });
      for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
      server.closeIdleConnections();
      for (const socket of upgraded) socket.destroy();
    });
  }

  return { server, stop };
}
