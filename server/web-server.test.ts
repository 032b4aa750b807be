// The server in front of Next, with a trivial handler in Next's place: what it stamps is what the
// per-IP limits see (lib/rate-limit/client-ip.ts reads it as the route handlers do), and how it stops.
// Clients connect from addresses of their own in 127.0.0.0/8, all of it loopback on Linux.
import { randomBytes } from "node:crypto";
import { Agent, request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clientIpFrom } from "@/lib/rate-limit/client-ip";
import { fetchHeaders } from "@/lib/pay-page/node-headers";
import { createWebServer, type RequestHandler, type WebServer } from "./web-server";

const anyAddress = () => randomBytes(4).join(".");
let nextHost = 2 + (randomBytes(1)[0] % 100);
const loopback = () => `127.0.0.${nextHost++}`;

interface Seen {
  peer: string;
  /** Client-sent copies left in rawHeaders (the stamp itself is in req.headers, where Next reads). */
  clientCopies: number;
  /** clientIpFrom under the default TRUSTED_PROXY_HOPS=0, and with one proxy. */
  ip: string;
  ipBehindOneProxy: string;
}

const echo: RequestHandler = async (req, res) => {
  const headers = fetchHeaders(req.headers);
  const seen: Seen = {
    peer: String(req.headers["x-jopay-peer"]),
    clientCopies: req.rawHeaders.filter((_, i) => i % 2 === 0).filter((n) => n.toLowerCase() === "x-jopay-peer").length,
    ip: clientIpFrom(headers, 0),
    ipBehindOneProxy: clientIpFrom(headers, 1),
  };
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(seen));
};

const started: WebServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((w) => w.stop(0)));
});

/** Listens where `npm start` does by default: every interface (dual-stack where there is IPv6). */
async function start(handler: RequestHandler): Promise<{ web: WebServer; port: number }> {
  const web = createWebServer(handler);
  started.push(web);
  await new Promise<void>((resolve) => web.server.listen(0, resolve));
  return { web, port: (web.server.address() as AddressInfo).port };
}

function send(port: number, opts: { from?: string; headers?: OutgoingHttpHeaders; agent?: Agent } = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/", localAddress: opts.from, headers: opts.headers, agent: opts.agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const seen = async (port: number, from: string, headers: OutgoingHttpHeaders = {}) => JSON.parse((await send(port, { from, headers })).body) as Seen;

describe("the peer stamp", () => {
  it("a client-sent x-jopay-peer and a rotating X-Forwarded-For cannot change the address under the default config", async () => {
    const { port } = await start(echo);
    const client = loopback();
    const forged: OutgoingHttpHeaders[] = [
      {},
      { "x-jopay-peer": anyAddress(), "x-forwarded-for": anyAddress(), "x-real-ip": anyAddress() },
      { "X-JoPay-Peer": anyAddress(), "x-forwarded-for": `${anyAddress()}, ${anyAddress()}` },
      // Two header lines of the name, which Node would otherwise join into one value.
      { "x-jopay-peer": [anyAddress(), client], "x-forwarded-for": client },
      { "x-jopay-peer": "unknown" },
    ];
    for (const headers of forged) {
      expect(await seen(port, client, headers)).toMatchObject({ peer: expect.stringMatching(new RegExp(`(^|:)${client.replaceAll(".", "\\.")}$`)), clientCopies: 0, ip: client });
    }
    // Another client is another address, so another budget: no one can spend everyone's.
    const other = loopback();
    expect((await seen(port, other, { "x-jopay-peer": client, "x-forwarded-for": client })).ip).toBe(other);
  });

  it("behind one proxy the peer is that proxy, and the entry it appended names the caller", async () => {
    const { port } = await start(echo);
    const proxy = loopback();
    expect((await seen(port, proxy, { "x-forwarded-for": "6.6.6.6, 198.51.100.7" })).ipBehindOneProxy).toBe("198.51.100.7");
    // Straight to the app, skipping the proxy: the socket's address, not an unknown shared by all.
    expect((await seen(port, proxy)).ipBehindOneProxy).toBe(proxy);
  });
});

describe("stop()", () => {
  it("refuses new connections and lets the requests in flight finish, even those already streaming, then closes their connections", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let arrivals = 0;
    let bothArrived!: () => void;
    const inHandler = new Promise<void>((r) => (bothArrived = r));
    const { web, port } = await start(async (req, res) => {
      if (req.url === "/streaming") res.write("part ");
      if (++arrivals === 2) bothArrived();
      await held;
      res.end("done");
    });
    // A keep-alive connection left open would hold close() this long: the test's timeout.
    web.server.keepAliveTimeout = 10 * 60_000;
    const agent = new Agent({ keepAlive: true });
    const answers = Promise.all(["/", "/streaming"].map((path) => get(port, path, agent)));
    await inHandler;
    let stopped = false;
    const stopping = web.stop(10 * 60_000).then(() => (stopped = true));
    await expect(send(port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect(stopped).toBe(false);

    release();
    const [plain, streaming] = await answers;
    expect(plain).toMatchObject({ status: 200, body: "done" });
    // Its headers were still unsent at stop(): it says so, and the connection ends with it.
    expect(plain.headers.connection).toBe("close");
    expect(streaming).toMatchObject({ status: 200, body: "part done" });
    expect(streaming.headers.connection).toBe("keep-alive");
    await stopping;
    expect(web.server.listening).toBe(false);
    agent.destroy();
  });
});

function get(port: number, path: string, agent: Agent) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    request({ host: "127.0.0.1", port, path, agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on("error", reject)
      .end();
  });
}

describe("requests Node answers before the handler", () => {
  it("CONNECT (a client taking us for a proxy) gets the JSON 405, not a hang-up", async () => {
    let handled = 0;
    const { port } = await start(async (_req, res) => void (handled++, res.end()));
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => socket.write("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"));
      let text = "";
      socket.setEncoding("utf8");
      socket.on("data", (d: string) => (text += d));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    const [head, body] = raw.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 405 /);
    expect(head.toLowerCase()).toContain("content-type: application/json");
    expect(head.toLowerCase()).toMatch(/x-request-id: [0-9a-f-]{36}/);
    expect(JSON.parse(body)).toMatchObject({ ok: false, error: "method_not_allowed" });
    expect(handled).toBe(0);
  });
});
