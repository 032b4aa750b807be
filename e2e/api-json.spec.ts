// Every answer under /api is the error table's JSON with an X-Request-Id, through the real server
// and Next (seeds: "Every request and response body is JSON"): unknown versions, unusual methods,
// bad percent-encoding, trailing slashes, oversized URLs and methods a public route does not serve
// — the cases where Next would answer in HTML, as text or with an empty body.
import { request } from "node:http";
import { expect, test } from "@playwright/test";
import { operations } from "../lib/api/operations";
import { EXAMPLE_IDS } from "../lib/api/operations/example-values";
import { pathResources } from "../lib/api/operations/path-ids";

const port = Number(new URL(process.env.E2E_BASE_URL!).port);
// Fixed, so each test's title is the same in every worker.
const SOME_ID = "0191a3b0-0000-7000-8000-000000000000";

function send(method: string, path: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

for (const [method, path, status, code] of [
  ["GET", "/api/v2/requests", 404, "not_found"],
  ["POST", "/api/nothing/here", 404, "not_found"],
  ["TRACE", "/api/v1/requests", 405, "method_not_allowed"],
  ["GET", "/api/v1/requests/%ZZ", 400, "validation_error"],
  ["GET", "/api/v1/requests/", 404, "not_found"],
  ["GET", `/api/v1/requests?q=${"a".repeat(20_000)}`, 431, "headers_too_large"],
  ["DELETE", `/api/pay/${SOME_ID}`, 405, "method_not_allowed"],
  ["GET", `/api/pay/${SOME_ID}/proof`, 405, "method_not_allowed"],
] as const) {
  test(`${method} ${path.slice(0, 40)} → ${status} ${code} as JSON`, async () => {
    const r = await send(method, path);
    expect(r.status).toBe(status);
    expect(String(r.headers["content-type"])).toMatch(/^application\/json/);
    expect(String(r.headers["x-request-id"])).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: code });
  });
}

// The same server-level cases on every operation of the table (lib/api/operations), with the
// example ids in the path: a new operation is walked here by itself. (CONNECT, which Node's client
// cannot read an answer to, is checked on a raw socket in server/web-server.test.ts.)
for (const op of operations) {
  test(`${op.method.toUpperCase()} ${op.path}: odd methods, bad encoding, trailing slash, huge URL → JSON`, async () => {
    let path = op.path;
    for (const { name, resource } of pathResources(op.path)) path = path.replace(`{${name}}`, EXAMPLE_IDS[resource]);
    for (const [method, target, status, code] of [
      ["TRACE", path, 405, "method_not_allowed"],
      ["PROPFIND", path, 405, "method_not_allowed"],
      // Not a method Node's HTTP parser knows: unparseable HTTP, answered from the clientError hook.
      ["FOO", path, 400, "validation_error"],
      [op.method.toUpperCase(), `${path}%ZZ`, 400, "validation_error"],
      [op.method.toUpperCase(), `${path}/%C0%AF`, 400, "validation_error"],
      [op.method.toUpperCase(), `${path}/`, 404, "not_found"],
      [op.method.toUpperCase(), `${path}?q=${"a".repeat(20_000)}`, 431, "headers_too_large"],
    ] as const) {
      const r = await send(method, target);
      const what = `${method} ${target.slice(0, 80)}`;
      expect(r.status, what).toBe(status);
      expect(String(r.headers["content-type"]), what).toMatch(/^application\/json/);
      expect(String(r.headers["x-request-id"]), what).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.parse(r.body), what).toMatchObject({ ok: false, error: code });
    }
  });
}
