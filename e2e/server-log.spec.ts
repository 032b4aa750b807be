// The real log stream of `npm start`'s server (issue 17): one JSON line per API request with its
// request id, caller and outcome; no key or webhook secret anywhere in the stream; the request id
// carried into the worker's log line for the webhook delivery that request caused; and every line
// of the stream JSON, Next's own output included. global-setup.ts tees the server's output to
// E2E_SERVER_LOG.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { setupMerchant } from "./support/pay-setup";

type Line = Record<string, unknown> & { msg?: string; level?: string; requestId?: string };

function lines(): { parsed: Line[]; raw: string[] } {
  const raw = readFileSync(process.env.E2E_SERVER_LOG!, "utf8").split("\n").filter((l) => l.trim());
  const parsed: Line[] = [];
  for (const l of raw) {
    try {
      parsed.push(JSON.parse(l) as Line);
    } catch {
      /* counted by the caller */
    }
  }
  return { parsed, raw };
}

async function waitForLine(match: (l: Line) => boolean, timeoutMs = 20_000): Promise<Line> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = lines().parsed.find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error("log line never appeared");
    await new Promise((r) => setTimeout(r, 200));
  }
}

let receiver: Server;
test.beforeAll(async () => {
  receiver = createServer((_req, res) => res.writeHead(200).end("ok"));
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
});
test.afterAll(async () => {
  await new Promise((r) => receiver.close(r));
});

test("one JSON line per API request, no secrets, the request id followed into the webhook delivery", async ({ request }) => {
  const s = await setupMerchant(request, "test", "Log Shop", "Log Partner");
  const auth = { authorization: `Bearer ${s.key}` };
  const created = await request.post("/api/v1/requests/create", { headers: auth, data: { merchant_id: s.merchantId, fiat_amount_int: 1234 } });
  expect(created.status()).toBe(201);
  const createId = created.headers()["x-request-id"];
  const missing = await request.get("/api/v1/requests/00000000-0000-7000-8000-000000000000", { headers: auth });
  expect(missing.status()).toBe(404);
  const port = (receiver.address() as AddressInfo).port;
  const endpoint = await request.post("/api/v1/webhook_endpoints", { headers: auth, data: { url: `http://127.0.0.1:${port}/hook` } });
  expect(endpoint.status()).toBe(201);
  const secret = (await endpoint.json()).secret as string;
  const sent = await request.post(`/api/v1/webhook_endpoints/${(await endpoint.json()).webhook_endpoint_id}/test`, { headers: auth });
  expect(sent.status()).toBe(201);
  const testCallId = sent.headers()["x-request-id"];

  // The access line of each call: exactly one, with who and how.
  const access = await waitForLine((l) => l.msg === "api request" && l.requestId === createId);
  expect(access).toMatchObject({ level: "info", operation: "createRequest", method: "POST", status: 201, mode: "test", partnerId: expect.any(String) });
  expect(typeof access.ms).toBe("number");
  expect(access).toHaveProperty("rateLimit.limit", 60);
  const notFound = await waitForLine((l) => l.msg === "api request" && l.requestId === missing.headers()["x-request-id"]);
  expect(notFound).toMatchObject({ operation: "getRequest", status: 404 });
  expect(lines().parsed.filter((l) => l.msg === "api request" && l.requestId === createId)).toHaveLength(1);

  // The delivery the test call caused, logged by the worker loop with that call's request id.
  const delivery = await waitForLine((l) => l.msg === "webhook attempt" && l.requestId === testCallId);
  expect(delivery).toMatchObject({ level: "info", success: true, status: 200, eventId: expect.stringMatching(/^evt_/) });

  const { parsed, raw } = lines();
  const text = raw.join("\n");
  expect(text).not.toContain(s.key);
  expect(text).not.toContain(secret);
  expect(text).not.toContain(secret.slice("whsec_".length));
  // Every line is JSON — Next's console output is wrapped — except Node's own process warnings.
  const notJson = raw.filter((l) => !l.startsWith("(node:") && !/^\s*\(Use `node --trace/.test(l)).filter((l) => {
    try {
      JSON.parse(l);
      return false;
    } catch {
      return true;
    }
  });
  expect(notJson).toEqual([]);
  for (const l of parsed) expect(["debug", "info", "warn", "error"], JSON.stringify(l).slice(0, 200)).toContain(l.level);
});
