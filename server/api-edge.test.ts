// What Next would answer in HTML, as text or with an empty body under /api is answered by the web
// server itself as the error table's JSON with an X-Request-Id; everything else reaches the
// handler (here a stand-in for Next that says so). Raw sockets, so nothing normalises the bytes.
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorTable } from "@/lib/errors";
import { createWebServer, type WebServer } from "./web-server";

let web: WebServer;
let port = 0;
beforeAll(async () => {
  web = createWebServer(async (_req, res) => {
    res.setHeader("content-type", "text/plain");
    res.end("reached next");
  });
  await new Promise<void>((r) => web.server.listen(0, "127.0.0.1", r));
  port = (web.server.address() as AddressInfo).port;
});
afterAll(() => web.stop(0));

/** Sends raw bytes, returns status, headers and body of the one response. */
function raw(bytes: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let data = "";
    socket.on("data", (d) => (data += d.toString("utf8")));
    socket.on("error", reject);
    socket.on("close", () => {
      const [head, ...rest] = data.split("\r\n\r\n");
      const [statusLine, ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
    });
    socket.write(bytes);
  });
}
const get = (method: string, target: string, extra = "") => raw(`${method} ${target} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n${extra}\r\n`);

function expectJson(r: { status: number; headers: Record<string, string>; body: string }, status: number, code: keyof typeof errorTable) {
  expect(r.status).toBe(status);
  expect(r.headers["content-type"]).toMatch(/^application\/json/);
  expect(r.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: code, message: expect.any(String) });
}

describe("the web server's own JSON answers under /api", () => {
  it("an unusual method (TRACE, PROPFIND) is a JSON 405 with Allow", async () => {
    for (const m of ["TRACE", "PROPFIND"]) {
      const r = await get(m, "/api/v1/requests");
      expectJson(r, 405, "method_not_allowed");
      expect(r.headers.allow).toContain("GET");
    }
  });

  it("a path that is not valid percent-encoding is a JSON 400", async () => {
    expectJson(await get("GET", "/api/v1/requests/%ZZ"), 400, "validation_error");
    expectJson(await get("GET", "/api/pay/%E0%A4%A"), 400, "validation_error");
  });

  it("a trailing slash is a JSON 404 naming the path without it, not a redirect", async () => {
    const r = await get("POST", "/api/v1/requests/create/");
    expectJson(r, 404, "not_found");
    expect(JSON.parse(r.body).message).toContain("/api/v1/requests/create)");
  });

  it("a URL over 16 KB is a JSON 431, unparseable HTTP a JSON 400", async () => {
    expectJson(await get("GET", `/api/v1/requests?q=${"a".repeat(20_000)}`), 431, "headers_too_large");
    expectJson(await raw("NOT HTTP AT ALL\r\n\r\n"), 400, "validation_error");
  });

  it("a HEAD gets the status and headers without a body", async () => {
    const r = await get("HEAD", "/api/v1/requests/");
    expect(r.status).toBe(404);
    expect(r.body).toBe("");
  });

  it("everything else goes to Next: API routes, next-auth, pages with any slash", async () => {
    for (const [m, target] of [
      ["GET", "/api/v1/requests?status=opened"],
      ["POST", "/api/pay/abc/proof"],
      ["OPTIONS", "/api/v1/requests"],
      ["GET", "/api/auth/session/"],
      ["GET", "/pay/abc/"],
      ["TRACE", "/docs"],
      ["GET", "/apiary"],
    ]) {
      const r = await get(m, target);
      expect(r.body, `${m} ${target}`).toBe("reached next");
    }
  });
});

describe("browser protections on every response", () => {
  it("no framing, no sniffing, a same-origin referrer policy — on pages and on the server's own answers; HSTS only over https", async () => {
    for (const r of [await get("GET", "/pay/abc"), await get("GET", "/api/v1/requests/")]) {
      expect(r.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(r.headers["x-frame-options"]).toBe("DENY");
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      expect(r.headers["referrer-policy"]).toBe("same-origin");
      expect(r.headers["strict-transport-security"]).toBeUndefined();
    }
    const https = createWebServer(async (_req, res) => void res.end("ok"), { https: true });
    await new Promise<void>((r) => https.server.listen(0, "127.0.0.1", r));
    try {
      const res = await fetch(`http://127.0.0.1:${(https.server.address() as AddressInfo).port}/`);
      expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    } finally {
      await https.stop(0);
    }
  });
});

describe("the consoles' nonce policy", () => {
  it("a fresh nonce per console response, handed to Next in the request; a client's own policy header never reaches Next", async () => {
    const seen: (string | undefined)[] = [];
    const w = createWebServer(
      async (req, res) => {
        seen.push(req.headers["content-security-policy"] as string | undefined);
        res.end("ok");
      },
      { consoleCsp: true },
    );
    await new Promise<void>((r) => w.server.listen(0, "127.0.0.1", r));
    const url = (p: string) => `http://127.0.0.1:${(w.server.address() as AddressInfo).port}${p}`;
    try {
      const forged = { "content-security-policy": "script-src 'nonce-attacker'" };
      const a = await fetch(url("/admin/sign-in"), { headers: forged });
      const b = await fetch(url("/partner"));
      const docs = await fetch(url("/docs"), { headers: forged });
      const [pa, pb] = [a.headers.get("content-security-policy")!, b.headers.get("content-security-policy")!];
      expect(pa).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{22,}' 'strict-dynamic';.*frame-ancestors 'none'/);
      expect(pa).not.toBe(pb);
      expect(seen).toEqual([pa, pb, undefined]);
      expect(docs.headers.get("content-security-policy")).not.toContain("nonce");
    } finally {
      await w.stop(0);
    }
  });
});

describe("keep-alive", () => {
  it("idle connections outlive a load balancer's 60 s idle timeout", () => {
    expect(web.server.keepAliveTimeout).toBeGreaterThan(60_000);
    expect(web.server.headersTimeout).toBeGreaterThan(web.server.keepAliveTimeout);
  });
});
