// JoPay's real /api route handlers behind a real node:http server on loopback, so the SDK is tested
// with fetch over a socket (headers, bodies, status codes as they travel) against the real wrapper,
// domain code and database — without a Next build. The handlers are the route files themselves,
// routed as Next routes them (test/support/call-route.ts); e2e/sdk.spec.ts runs the same journey
// against `npm start`.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Socket } from "node:net";
import { trustPeerHeader } from "@/lib/rate-limit/peer-header";
import { routeRequest } from "@/test/support/call-route";

export interface ApiServer {
  baseUrl: string;
  /** Every call that reached the server: method, path with query, headers (lower-case). */
  calls: { method: string; path: string; headers: Record<string, string> }[];
  close: () => Promise<void>;
}

function toRequest(req: IncomingMessage, body: Buffer, port: number): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  // Stamped as our own server stamps it (server/web-server.ts): the socket's address.
  headers.set("x-jopay-peer", req.socket.remoteAddress ?? "127.0.0.1");
  if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", req.socket.remoteAddress ?? "127.0.0.1");
  const hasBody = body.length > 0 && req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://localhost:${port}${req.url ?? "/"}`, { method: req.method, headers, body: hasBody ? new Uint8Array(body) : undefined });
}

export async function startApiServer(): Promise<ApiServer> {
  trustPeerHeader();
  const calls: ApiServer["calls"] = [];
  const sockets = new Set<Socket>();
  let port = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      calls.push({ method: req.method ?? "", path: req.url ?? "", headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])) });
      try {
        const answer = await routeRequest(toRequest(req, Buffer.concat(chunks), port));
        res.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
        res.end(Buffer.from(await answer.arrayBuffer()));
      } catch (err) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(err));
      }
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
