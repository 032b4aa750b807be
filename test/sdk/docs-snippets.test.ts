// The SDK page's Python samples (app/(site)/docs/sdk/snippets.ts) run as printed, with python3's
// standard library only: the create against JoPay's real API handlers over a socket, the webhook
// check against deliveries signed by JoPay's own signer — genuine ones accepted, tampered refused.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PYTHON_CREATE, PYTHON_VERIFY } from "@/app/(site)/docs/sdk/snippets";
import { db } from "@/lib/db";
import { generateWebhookSecret, webhookHeaders } from "@/lib/webhooks/sign";
import { makeTenant } from "@/test/api/helpers";
import { startApiServer, type ApiServer } from "./support/api-server";

const DRIVER = `
import json
import sys
${PYTHON_CREATE}
${PYTHON_VERIFY}
cmd = json.load(sys.stdin)
if cmd["op"] == "verify":
    try:
        print(json.dumps({"event": verify_webhook(cmd["payload"].encode(), cmd["headers"], cmd["secret"])}))
    except ValueError as e:
        print(json.dumps({"refused": str(e)}))
else:
    try:
        print(json.dumps({"answer": create_request(cmd["base_url"], cmd["api_key"], cmd["body"], cmd.get("key"))}))
    except RuntimeError as e:
        print(json.dumps({"error": str(e)}))
`;

let script: string;
let api: ApiServer;
let t: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  script = join(mkdtempSync(join(tmpdir(), "jopay-snippets-")), "driver.py");
  writeFileSync(script, DRIVER);
  [api, t] = await Promise.all([startApiServer(), makeTenant()]);
});
afterAll(() => api.close());

function python(input: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", [script], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out) as Record<string, unknown>) : reject(new Error(`python3 exited ${code}: ${err}`))));
    child.stdin.end(JSON.stringify(input));
  });
}

describe("the SDK page's Python samples", () => {
  it("create_request creates with a generated Idempotency-Key, replays with a given one, and reports errors", async () => {
    const body = { merchant_id: t.testMerchant.id, fiat_amount_int: 1234, memo: "from Python" };
    const created = (await python({ op: "create", base_url: api.baseUrl, api_key: t.testKey, body })).answer as Record<string, string>;
    expect(created).toMatchObject({ ok: true, status: "requested", memo: "from Python" });
    const row = await db.paymentRequest.findUniqueOrThrow({ where: { id: created.request_id } });
    expect(row.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const key = "py".repeat(16);
    const first = (await python({ op: "create", base_url: api.baseUrl, api_key: t.testKey, body, key })).answer as Record<string, unknown>;
    const again = (await python({ op: "create", base_url: api.baseUrl, api_key: t.testKey, body: { ...body, fiat_amount_int: 1 }, key })).answer as Record<string, unknown>;
    expect(again).toMatchObject({ request_id: first.request_id, idempotent_replay: true });

    const refused = await python({ op: "create", base_url: api.baseUrl, api_key: t.testKey, body: { ...body, fiat_amount_int: 0 } });
    expect(refused.error).toMatch(/^400 validation_error: Invalid request body\. \(request [0-9a-f-]{36}\)$/);
  });

  it("verify_webhook accepts JoPay's signature (either of a rotation's two) and refuses tampering", async () => {
    const [secret, old] = [generateWebhookSecret(), generateWebhookSecret()];
    const payload = JSON.stringify({ id: "evt_1", type: "payment.proof_verified", data: { request_id: "r" } });
    const ts = Math.floor(Date.now() / 1000);
    const headers = { ...webhookHeaders("evt_1", ts, payload, [secret, old]) };
    for (const s of [secret, old]) expect(await python({ op: "verify", payload, headers, secret: s })).toEqual({ event: JSON.parse(payload) });
    const refusedWith = async (p: string, h: Record<string, string>, s = secret) => (await python({ op: "verify", payload: p, headers: h, secret: s })).refused;
    expect(await refusedWith(payload.replace('"r"', '"x"'), headers)).toMatch(/no matching/);
    expect(await refusedWith(payload, { ...headers, "webhook-id": "evt_2" })).toMatch(/no matching/);
    expect(await refusedWith(payload, headers, generateWebhookSecret())).toMatch(/no matching/);
    expect(await refusedWith(payload, { ...webhookHeaders("evt_1", ts - 400, payload, [secret]) })).toMatch(/tolerance/);
    expect(await refusedWith(payload, { "webhook-id": "evt_1" })).toMatch(/missing/);
  });
});
