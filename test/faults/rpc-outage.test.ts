// The chain's RPC goes away under a running worker (issue 23): a payment that had been waiting long
// for its confirmations (many checks already) meets an outage of several seconds; nothing is
// rejected meanwhile, and once the node answers again the worker verifies it within seconds — the
// retry after an RPC error does not grow with the checks made before (lib/payments/check-proofs.ts).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { attachProof } from "@/lib/payments/attach-proof";
import { checkFinality } from "@/lib/payments/check-finality";
import { checkProofs, proofCheckLoop } from "@/lib/payments/check-proofs";
import { startLoops } from "@/worker/run-loops";
import { openPaymentRequest } from "../support/request-fixtures";
import { startTestChain, type TestChain } from "../payments/support/chain";

let chain: TestChain;
let proxy: Server;
let up = true;

beforeAll(async () => {
  chain = await startTestChain();
  // The worker's RPC: passes calls to anvil while `up`, answers 503 while not (a provider outage).
  proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (!up) return void res.writeHead(503).end("upstream unavailable");
    const r = await fetch(chain.settings.rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: Buffer.concat(chunks) });
    res.writeHead(r.status, { "content-type": "application/json" }).end(await r.text());
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
});
afterAll(async () => {
  await new Promise((r) => proxy?.close(r));
  await chain?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("RPC outage under a running worker", () => {
  it("nothing rejected during the outage; verified within seconds of the node answering again", async () => {
    const { request, wallet, partner } = await openPaymentRequest(chain.settings, { usdcMicro: 7_700_000n });
    const hash = await chain.transfer(wallet, 7_700_000n);
    const settings = { ...chain.settings, rpcUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` };
    up = false;
    await attachProof({ requestId: request.id, txHash: hash, source: "partner_api", scope: null });
    // As if it had waited through many confirmation polls before the outage began.
    await db.proof.updateMany({ where: { requestId: request.id }, data: { checkAttempts: 40 } });
    const worker = startLoops([proofCheckLoop({ chains: [settings], partnerId: partner.id })], "rpc-outage");
    try {
      await sleep(6_000); // the outage
      const during = await db.proof.findFirstOrThrow({ where: { requestId: request.id } });
      expect(during).toMatchObject({ outcome: "pending" });
      expect(during.lastError).toBeTruthy();
      expect(during.checkAttempts).toBeGreaterThan(41); // it kept trying

      up = true;
      const back = Date.now();
      let verifiedAfter = -1;
      while (Date.now() - back < 15_000) {
        const r = await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } });
        if (r.proofStatus === "verified") {
          verifiedAfter = Date.now() - back;
          break;
        }
        await sleep(100);
      }
      // The retry cap is 4 s (+25% jitter) plus one worker poll: well inside 10 s. (The old backoff,
      // keyed on the 40 earlier checks, waited 60 s.)
      expect(verifiedAfter).toBeGreaterThanOrEqual(0);
      expect(verifiedAfter).toBeLessThan(10_000);
    } finally {
      await worker.stop();
    }
  }, 60_000);

  it("a verified payment's finality check retries on the outage schedule, however many polls it had", async () => {
    const { request, wallet, partner } = await openPaymentRequest(chain.settings, { usdcMicro: 7_800_000n });
    const hash = await chain.transfer(wallet, 7_800_000n);
    await attachProof({ requestId: request.id, txHash: hash, source: "partner_api", scope: null });
    await chain.mine(chain.settings.confirmations);
    await checkProofs({ workerId: "rpc-outage", chains: [chain.settings], partnerId: partner.id });
    const verified = await db.proof.findFirstOrThrow({ where: { requestId: request.id } });
    expect(verified).toMatchObject({ outcome: "verified", finalizedAt: null });
    // Forty routine polls behind it, due now, and the node gone.
    await db.proof.update({ where: { id: verified.id }, data: { checkAttempts: 40, nextCheckAt: new Date(0) } });
    up = false;
    try {
      const settings = { ...chain.settings, rpcUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` };
      const before = Date.now();
      expect(await checkFinality({ workerId: "rpc-outage", chains: [settings], partnerId: partner.id })).toBe(1);
      const after = await db.proof.findUniqueOrThrow({ where: { id: verified.id } });
      expect(after).toMatchObject({ outcome: "verified", finalizedAt: null, leaseOwner: null });
      expect(after.lastError).toBeTruthy();
      // 4 s + 25% jitter at most (the poll-grown backoff was 60 s).
      expect(after.nextCheckAt.getTime() - before).toBeLessThanOrEqual(5_000 + (Date.now() - before));
    } finally {
      up = true;
    }
  }, 60_000);
});
