// The transfer watcher on a real chain: it finds payments nobody attached, matches exact (tagged)
// amounts to the right request, and hands them to verification.
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChainSettings } from "@/lib/chains/config";
import { db } from "@/lib/db";
import { attachProof, MAX_PENDING_PROOFS } from "@/lib/payments/attach-proof";
import { checkProofs } from "@/lib/payments/check-proofs";
import { watchTransfers } from "@/lib/payments/watch-transfers";
import { publicClientFor } from "@/lib/chains/clients";
import { createRequest } from "@/lib/requests/create-request";
import { eventsFor, insertRequest, makePaymentSetup, openPaymentRequest } from "../support/request-fixtures";
import { startCappedRpc } from "./support/capped-rpc";
import { startLiveTestChain, type TestChain } from "./support/chain";

let chain: TestChain;

beforeAll(async () => {
  chain = await startLiveTestChain();
});
afterAll(async () => {
  await chain?.stop();
});

/** Each test scans with its own cursor row, so parallel test files never share progress. */
function watcher(partnerId: string) {
  const cursor = 1_000_000_000 + randomInt(1_000_000_000);
  return (settings: ChainSettings = chain.settings) =>
    watchTransfers({ workerId: "test", chains: [settings], partnerId, cursorId: () => cursor, maxBlockRange: 5 });
}

async function drain(watch: ReturnType<typeof watcher>) {
  let total = 0;
  for (;;) {
    const r = await watch();
    total += r.attached;
    if (r.blocksScanned === 0) return total;
  }
}

describe("transfer watcher", () => {
  it("attaches a payment that nobody attached a proof for, and it verifies", async () => {
    const { request, wallet, ...s } = await openPaymentRequest(chain.settings, { usdcMicro: 12_340_017n });
    const watch = watcher(s.partner.id);
    expect(await watch()).toEqual({ blocksScanned: 0, attached: 0, failedChainIds: [] }); // first run: cursor at head

    await chain.transfer(wallet, 12_340_016n); // one micro short: no match
    const hash = await chain.transfer(wallet, 12_340_017n);
    await chain.mine(12); // more blocks than one range: the cursor must walk them all
    expect(await drain(watch)).toBe(1);

    let r = await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id }, include: { proofs: true } });
    expect(r).toMatchObject({ proofStatus: "attached", txHash: hash });
    expect(r.proofs).toHaveLength(1);
    expect(r.proofs[0]).toMatchObject({ source: "watcher", txHash: hash, outcome: "pending" });

    await checkProofs({ workerId: "test", chains: [chain.settings], partnerId: s.partner.id });
    r = await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id }, include: { proofs: true } });
    expect(r.proofStatus).toBe("verified");
    expect((await eventsFor(request.id)).map((e) => e.type)).toEqual(["payment.proof_attached", "payment.proof_verified"]);

    // Scanning again attaches nothing twice.
    await chain.mine(1);
    expect(await drain(watch)).toBe(0);
    expect(await db.proof.count({ where: { requestId: request.id } })).toBe(1);
  });

  it("gives two same-amount requests to one wallet distinct usdc_micro and attaches each payment to its request", async () => {
    const s = await makePaymentSetup();
    const ctx = { partner: s.partner, testMode: false, createdVia: "api" as const };
    const a = (await createRequest(ctx, { merchant_id: s.merchant.id, fiat_amount_int: 2500 })).request;
    const b = (await createRequest(ctx, { merchant_id: s.merchant.id, fiat_amount_int: 2500 })).request;
    expect(a.usdcMicro).not.toBe(b.usdcMicro);
    expect(a.receivingWallet).toBe(b.receivingWallet);
    expect(a.chainId).toBe(chain.settings.chainId);

    const watch = watcher(s.partner.id);
    await watch();
    // Pay b first, then a: matching is by amount, not by order.
    const hb = await chain.transfer(b.receivingWallet, b.usdcMicro);
    const ha = await chain.transfer(a.receivingWallet, a.usdcMicro);
    expect(await drain(watch)).toBe(2);

    const ra = await db.paymentRequest.findUniqueOrThrow({ where: { id: a.id } });
    const rb = await db.paymentRequest.findUniqueOrThrow({ where: { id: b.id } });
    expect(ra).toMatchObject({ proofStatus: "attached", txHash: ha });
    expect(rb).toMatchObject({ proofStatus: "attached", txHash: hb });

    await checkProofs({ workerId: "test", chains: [chain.settings], partnerId: s.partner.id });
    for (const id of [a.id, b.id]) {
      expect((await db.paymentRequest.findUniqueOrThrow({ where: { id } })).proofStatus).toBe("verified");
      expect((await eventsFor(id)).map((e) => e.type)).toEqual(["payment.proof_attached", "payment.proof_verified"]);
    }
  });

  it("gives a payment to the request open when it was mined, even one expired since; not a payment mined after expiry", async () => {
    const { request: onTime, wallet, ...s } = await openPaymentRequest(chain.settings, { usdcMicro: 15_550_003n });
    const watch = watcher(s.partner.id);
    await watch();
    const minedAt = async (hash: `0x${string}`) => {
      const client = publicClientFor(chain.settings);
      const { blockNumber } = await client.getTransactionReceipt({ hash });
      return Number((await client.getBlock({ blockNumber })).timestamp) * 1000;
    };

    // Paid a second before it expired; the watcher lagged and the sweeper got there first.
    const hash = await chain.transfer(wallet, 15_550_003n);
    const paidAt = await minedAt(hash);
    await db.paymentRequest.update({ where: { id: onTime.id }, data: { status: "expired", expiresAt: new Date(paidAt + 1_000) } });
    // Its amount, freed by the expiry, went to a newer request created just after the payment.
    const newer = await insertRequest({
      partnerId: s.partner.id, merchantId: s.merchant.id, usdcMicro: 15_550_003n, receivingWallet: wallet, chainId: chain.settings.chainId,
      usdcContract: chain.settings.usdcAddress, createdAt: new Date(paidAt + 30_000),
    });
    // Expired two seconds after that, and paid three seconds later still: late, left for a proof.
    const lapsed = await insertRequest({
      partnerId: s.partner.id, merchantId: s.merchant.id, usdcMicro: 15_550_004n, receivingWallet: wallet, chainId: chain.settings.chainId,
      usdcContract: chain.settings.usdcAddress, status: "expired", createdAt: new Date(paidAt - 120_000), expiresAt: new Date(paidAt + 2_000),
    });
    await fetch(chain.settings.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "evm_setNextBlockTimestamp", params: [paidAt / 1000 + 5] }),
    });
    expect(await minedAt(await chain.transfer(wallet, 15_550_004n))).toBeGreaterThan(paidAt + 2_000);

    expect(await drain(watch)).toBe(1);
    expect(await db.paymentRequest.findUniqueOrThrow({ where: { id: onTime.id } })).toMatchObject({ proofStatus: "attached", txHash: hash });
    expect(await db.paymentRequest.findUniqueOrThrow({ where: { id: lapsed.id } })).toMatchObject({ proofStatus: "none", txHash: null });
    expect(await db.paymentRequest.findUniqueOrThrow({ where: { id: newer.id } })).toMatchObject({ proofStatus: "none", txHash: null });

    await checkProofs({ workerId: "test", chains: [chain.settings], partnerId: s.partner.id });
    expect(await db.paymentRequest.findUniqueOrThrow({ where: { id: onTime.id } })).toMatchObject({ proofStatus: "verified", late: false });
    expect((await eventsFor(onTime.id)).map((e) => e.type)).toEqual(["payment.proof_attached", "payment.proof_verified"]);
  });

  it("attaches a real payment even when junk hashes filled the request's proof slots, and the rest of the range still flows", async () => {
    const a = await openPaymentRequest(chain.settings, { usdcMicro: 31_000_007n });
    const b = await insertRequest({
      partnerId: a.partner.id, merchantId: a.merchant.id, receivingWallet: a.wallet,
      chainId: chain.settings.chainId, usdcContract: chain.settings.usdcAddress, usdcMicro: 31_000_008n,
    });
    const junk = (i: number) => `0x${String(i).repeat(64)}`;
    for (let i = 1; i <= MAX_PENDING_PROOFS; i++) await attachProof({ requestId: a.request.id, txHash: junk(i), source: "pay_page", scope: null });
    // The public page is full: a sixth paste is refused…
    await expect(attachProof({ requestId: a.request.id, txHash: junk(9), source: "pay_page", scope: null })).rejects.toMatchObject({ code: "too_many_proofs" });

    const watch = watcher(a.partner.id);
    await watch();
    const ha = await chain.transfer(a.wallet, 31_000_007n);
    const hb = await chain.transfer(a.wallet, 31_000_008n);
    // …but the watcher, which saw the transfer on chain, is not; and b's payment in the same range
    // is attached too (a refusal used to abort the pass and stall the chain's cursor for good).
    const first = await watch();
    expect(first.failedChainIds).toEqual([]);
    expect(first.attached + (await drain(watch))).toBe(2);
    expect((await db.paymentRequest.findUniqueOrThrow({ where: { id: b.id } })).txHash).toBe(hb);

    await checkProofs({ workerId: "test", chains: [chain.settings], partnerId: a.partner.id });
    const r = await db.paymentRequest.findUniqueOrThrow({ where: { id: a.request.id }, include: { proofs: true } });
    expect(r).toMatchObject({ proofStatus: "verified", txHash: ha });
    expect(r.proofs.filter((p) => p.outcome === "rejected").map((p) => p.rejectionReason)).toEqual(Array(MAX_PENDING_PROOFS).fill("superseded"));
  });

  it("reads only blocks with the chain's confirmations, so a reorg cannot move a payment behind the cursor", async () => {
    const { request, wallet, ...s } = await openPaymentRequest(chain.settings, { usdcMicro: 44_000_013n });
    const threeConfs = chain.withConfirmations(3);
    const watch = watcher(s.partner.id);
    await watch(threeConfs);
    await chain.mine(2); // the cursor starts two blocks behind the head: let it reach the old head

    const snap = await chain.snapshot();
    await chain.transfer(wallet, 1n); // a block the reorg will replace
    await chain.mine(1);
    // Not yet three deep: not read, so the cursor is still before the block the reorg replaces.
    expect((await watch(threeConfs)).attached).toBe(0);
    await chain.revert(snap);
    const hash = await chain.transfer(wallet, 44_000_013n); // the payment lands at the same height
    expect((await watch(threeConfs)).attached).toBe(0);
    await chain.mine(2);
    let total = 0;
    for (let i = 0; i < 5; i++) total += (await watch(threeConfs)).attached;
    expect(total).toBe(1);
    expect(await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ proofStatus: "attached", txHash: hash });
  });

  it("leaves the cursor in place while the RPC is down and resumes from it", async () => {
    const { request, wallet, ...s } = await openPaymentRequest(chain.settings, { usdcMicro: 3_000_042n });
    const watch = watcher(s.partner.id);
    await watch();
    const hash = await chain.transfer(wallet, 3_000_042n);
    expect(await watch({ ...chain.settings, rpcUrl: "http://127.0.0.1:1" })).toEqual({ blocksScanned: 0, attached: 0, failedChainIds: [chain.settings.chainId] });
    expect(await drain(watch)).toBe(1);
    expect((await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } })).txHash).toBe(hash);
  });

  it("narrows its block range when the provider refuses one as too large, and still finds the payment", async () => {
    const capped = await startCappedRpc(chain.settings.rpcUrl, 3);
    try {
      const { request, wallet, ...s } = await openPaymentRequest(chain.settings, { usdcMicro: 4_000_077n });
      const cursor = 1_000_000_000 + randomInt(1_000_000_000);
      const settings = { ...chain.settings, rpcUrl: capped.url };
      const watch = () => watchTransfers({ workerId: "test", chains: [settings], partnerId: s.partner.id, cursorId: () => cursor, maxBlockRange: 16 });
      await watch(); // first run: cursor at head
      const hash = await chain.transfer(wallet, 4_000_077n);
      await chain.mine(20);
      let attached = 0;
      const failed: number[] = [];
      for (let i = 0; i < 30; i++) {
        const r = await watch();
        attached += r.attached;
        failed.push(...r.failedChainIds);
      }
      // 16, 8 and 4 blocks were refused, then 2 fit; after that it grows only to 3 (the largest range
      // not refused), so 30 passes of catching up and idling see no further refusal.
      expect(capped.refused.map((r) => Number(r.to - r.from + 1n))).toEqual([16, 8, 4]);
      expect(failed.length).toBe(3);
      expect(attached).toBe(1);
      expect(await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ proofStatus: "attached", txHash: hash });
      const c = await db.chainCursor.findUniqueOrThrow({ where: { chainId: cursor } });
      expect(c.lastScannedBlock).toBe(await publicClientFor(chain.settings).getBlockNumber({ cacheTime: 0 }));
    } finally {
      await capped.stop();
    }
  });
});
