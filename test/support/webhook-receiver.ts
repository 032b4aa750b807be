// A real HTTP receiver on loopback for webhook tests: records every request (headers + raw body
// bytes + arrival time) and answers as the test programs it — status codes, bodies, redirects, or
// hanging without answering.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedWebhook {
  /** Order of arrival at this receiver, from 0. */
  index: number;
  at: number;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Parsed JSON body (undefined when not JSON). */
  json: unknown;
}

export type ReceiverReply =
  | { status: number; body?: string; headers?: Record<string, string> }
  | { redirect: string; status?: 301 | 302 | 303 | 307 | 308 }
  | { hang: true };

/** Decides the reply to one request; default 200 "ok". */
export type Responder = (req: ReceivedWebhook) => ReceiverReply | Promise<ReceiverReply>;

export interface WebhookReceiver {
  url: (path?: string) => string;
  received: ReceivedWebhook[];
  respond: (fn: Responder) => void;
  /** Replies in order from the list; after it runs out, the last entry repeats. */
  replySequence: (replies: ReceiverReply[]) => void;
  waitFor: (predicate: (all: ReceivedWebhook[]) => boolean, timeoutMs?: number) => Promise<ReceivedWebhook[]>;
  /** Verifies a received request with the standardwebhooks library; throws when it does not verify. */
  verify: (r: ReceivedWebhook, secret: string) => unknown;
  close: () => Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const sockets = new Set<Socket>();
  let responder: Responder = () => ({ status: 200, body: "ok" });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const rawBody = Buffer.concat(chunks);
      let json: unknown;
      try {
        json = JSON.parse(rawBody.toString("utf8"));
      } catch {
        json = undefined;
      }
      const entry: ReceivedWebhook = { index: received.length, at: Date.now(), path: req.url ?? "/", headers: req.headers, rawBody, json };
      received.push(entry);
      reply(res, await responder(entry));
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;

  return {
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    received,
    respond: (fn) => {
      responder = fn;
    },
    replySequence: (replies) => {
      let i = 0;
      responder = () => replies[Math.min(i++, replies.length - 1)];
    },
    waitFor: async (predicate, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`webhook receiver: condition not met within ${timeoutMs} ms (${received.length} received)`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received;
    },
    verify: (r, secret) =>
      new Webhook(secret).verify(r.rawBody.toString("utf8"), {
        "webhook-id": String(r.headers["webhook-id"] ?? ""),
        "webhook-timestamp": String(r.headers["webhook-timestamp"] ?? ""),
        "webhook-signature": String(r.headers["webhook-signature"] ?? ""),
      }),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function reply(res: ServerResponse, r: ReceiverReply) {
  if ("hang" in r) return; // never answer; the client must time out
  if ("redirect" in r) {
    res.writeHead(r.status ?? 302, { location: r.redirect });
    res.end();
    return;
  }
  res.writeHead(r.status, { "content-type": "text/plain", ...r.headers });
  res.end(r.body ?? "");
}
