// A web process SIGKILLed with creates in flight (issue 23): a second `npm start` server of its
// own, on the same database, is killed while 8 clients send creates with idempotency keys; the
// clients retry every key that got no answer against a fresh server, as a partner's integration
// would. Every key ends up exactly once, and every key answered before the kill keeps its id.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { jopay } from "./support/cli";

const PORT = Number(process.env.E2E_PORT ?? 3107) + 11;
const base = `http://127.0.0.1:${PORT}`;

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", join("server", "serve.ts"), "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production", JOPAY_SINGLE_PROCESS: "0" },
    stdio: "ignore",
  });
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error("the second server exited");
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return child;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error("the second server did not start");
}

test("SIGKILL with creates in flight: every key exactly once, acknowledged ids kept", async () => {
  test.setTimeout(120_000);
  const slug = `crash${Date.now().toString(36)}`;
  jopay("partner:create", "--slug", slug, "--name", "Crash Partner", "--currency", "EUR");
  const { key } = jopay<{ key: string }>("key:create", "--partner", slug, "--mode", "live");
  const wallet = `0x${randomUUID().replaceAll("-", "").padEnd(40, "0")}`;
  let server = await startServer();
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const merchant = await (await fetch(`${base}/api/v1/merchants`, { method: "POST", headers, body: JSON.stringify({ business_name: "Crash Shop", wallet_address: wallet }) })).json();
  jopay("merchant:onboard-dev", "--partner", slug, "--merchant", merchant.merchant_id, "--wallet", wallet);

  const create = (idem: string) =>
    fetch(`${base}/api/v1/requests/create`, { method: "POST", headers, body: JSON.stringify({ merchant_id: merchant.merchant_id, fiat_amount_int: 990, idempotency_key: idem }) })
      .then(async (r) => ({ status: r.status, body: await r.json() }))
      .catch(() => null);

  const keys = Array.from({ length: 24 }, () => randomUUID().replaceAll("-", ""));
  const acknowledged = new Map<string, string>();
  // 8 clients; the server dies under them after a few answers. (24 keys, answered twice, and the
  // merchant and list calls stay inside the key's 60 a minute.)
  let next = 0;
  const firstRound = Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < keys.length) {
        const k = keys[next++];
        const r = await create(k);
        if (r && r.status === 201) acknowledged.set(k, r.body.request_id);
      }
    }),
  );
  while (acknowledged.size < 5) await new Promise((r) => setTimeout(r, 5));
  server.kill("SIGKILL");
  await firstRound;
  expect(acknowledged.size).toBeLessThan(keys.length); // the kill did cut some off

  // A fresh process; the integration retries every key it has no answer for, and one it has.
  server = await startServer();
  try {
    const replayedIds = new Map<string, string>();
    for (const k of keys) {
      const r = await create(k);
      expect(r && [200, 201].includes(r.status), `key ${k}: ${r?.status}`).toBe(true);
      replayedIds.set(k, r!.body.request_id);
      if (acknowledged.has(k)) expect(r!.status).toBe(200); // a replay, not a second request
    }
    for (const [k, id] of acknowledged) expect(replayedIds.get(k)).toBe(id);
    // Exactly once: the API lists as many requests as there are keys, each key's id once.
    const list = await (await fetch(`${base}/api/v1/requests?merchant_id=${merchant.merchant_id}&limit=100`, { headers })).json();
    expect(list.requests).toHaveLength(keys.length);
    expect(new Set(list.requests.map((r: { request_id: string }) => r.request_id))).toEqual(new Set(replayedIds.values()));
  } finally {
    server.kill("SIGTERM");
  }
});
