// Per-IP limits through the real server under the default TRUSTED_PROXY_HOPS=0: the pay page's
// proof endpoint counts the socket's address, which no header changes (lib/rate-limit/client-ip.ts).
// Each client connects from an address of its own in 127.0.0.0/8 (all loopback on Linux), so this
// spec spends no budget that the browser specs, all from 127.0.0.1, need.
import { randomBytes, randomUUID } from "node:crypto";
import { request } from "node:http";
import { expect, test } from "@playwright/test";

const port = Number(new URL(process.env.E2E_BASE_URL!).port);
const anyAddress = () => randomBytes(4).join(".");

/** A proof for an unknown request with a bad body: 400 when the limit admits it, 429 when not. */
function proof(from: string, headers: Record<string, string>) {
  return new Promise<number>((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, localAddress: from, method: "POST", path: `/api/pay/${randomUUID()}/proof`, headers: { "content-type": "application/json", ...headers } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end("{");
  });
}

test("rotating X-Forwarded-For and a forged x-jopay-peer buy no fresh proof budget, and cost no one else theirs", async () => {
  const host = 2 + (randomBytes(1)[0] % 200);
  const client = `127.0.0.${host}`;
  const statuses = [];
  for (let i = 0; i < 12; i++) {
    statuses.push(await proof(client, { "x-forwarded-for": anyAddress(), "x-real-ip": anyAddress(), "x-jopay-peer": anyAddress() }));
  }
  // PAY_PROOF_LIMIT: 10 a minute per address.
  expect(statuses).toEqual([...Array(10).fill(400), 429, 429]);
  // Another client, even one naming the first, still has its own.
  expect(await proof(`127.0.0.${host + 1}`, { "x-forwarded-for": client, "x-jopay-peer": client })).toBe(400);
});
