// Payment attribution tried as an attacker would, on a real anvil chain and a real database
// (SPEC §6 "Attribution", "Finality"): a payment credits only the request it was made for —
// whoever pastes its hash where, at any confirmation count, through reorgs.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWalletClient, getAddress, http, type Address, type Hash, type Hex } from "viem";
import { publicClientFor } from "@/lib/chains/clients";
import type { ChainSettings } from "@/lib/chains/config";
import { db } from "@/lib/db";
import { attachProof } from "@/lib/payments/attach-proof";
import { checkFinality } from "@/lib/payments/check-finality";
import { checkProofs } from "@/lib/payments/check-proofs";
import { paymentNonce } from "@/lib/payments/payment-reference";
import { watchTransfers } from "@/lib/payments/watch-transfers";
import { expireRequests } from "@/lib/requests/expire-requests";
import { presentRequest } from "@/lib/requests/get-request";
import { rpc } from "@/scripts/local-chain/anvil";
import { testUsdcAbi } from "@/scripts/local-chain/deploy";
import { call } from "../support/call-route";
import { eventsFor, insertRequest, makePaymentSetup } from "../support/request-fixtures";
import { startTestChain, type TestChain } from "./support/chain";

let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain();
});
afterAll(async () => {
  await chain?.stop();
});

// anvil's default account 1 (the test payer), for transactions we must sign ourselves to send the
// very same bytes again after a reorg.

const PRICE = 27_500_000n; // the victim's request
const CHEAP = 1_000_000n; // the attacker's request at the same merchant

/** One merchant with an attacker's cheap request and a victim's request, both open, on `settings`. */
async function shop(settings: ChainSettings = chain.settings, amounts: { cheap?: bigint; price?: bigint } = {}) {
  const setup = await makePaymentSetup();
  const wallet = setup.merchant.walletAddress!;
  const base = { partnerId: setup.partner.id, merchantId: setup.merchant.id, receivingWallet: wallet, chainId: settings.chainId, usdcContract: settings.usdcAddress, createdAt: new Date(Date.now() - 60_000) };
  const attacker = await insertRequest({ ...base, usdcMicro: amounts.cheap ?? CHEAP });
  const victim = await insertRequest({ ...base, usdcMicro: amounts.price ?? PRICE });
  return { ...setup, wallet, attacker, victim };
}

const ip = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
const publicProof = (requestId: string, txHash: string) => call("POST", `/api/pay/${requestId}/proof`, { body: { tx_hash: txHash }, headers: { "x-forwarded-for": ip() } });

/** Verification passes for one partner until nothing is pending (the owner's proof included). */
async function verifyAll(partnerId: string, settings: ChainSettings = chain.settings) {
  for (let i = 0; i < 20; i++) {
    await db.proof.updateMany({ where: { outcome: "pending", request: { partnerId } }, data: { nextCheckAt: new Date(0) } });
    await checkProofs({ workerId: "attack", chains: [settings], partnerId });
    if ((await db.proof.count({ where: { outcome: "pending", request: { partnerId } } })) === 0) return;
  }
}

const state = (id: string) => db.paymentRequest.findUniqueOrThrow({ where: { id }, include: { proofs: { orderBy: { createdAt: "asc" } } } });
const types = async (id: string) => (await eventsFor(id)).map((e) => e.type);

/** A transfer left in the mempool: automine off until `mine()`. */
async function sendUnmined(to: string, micro: bigint): Promise<Hash> {
  await rpc(chain.local.rpcUrl, "evm_setAutomine", [false]);
  const wc = createWalletClient({ transport: http(chain.local.rpcUrl) });
  return wc.writeContract({ address: getAddress(chain.local.usdcAddress), abi: testUsdcAbi, functionName: "transfer", args: [getAddress(to), micro], account: chain.payer, chain: null });
}
async function mineAndAutomine() {
  await chain.mine(1);
  await rpc(chain.local.rpcUrl, "evm_setAutomine", [true]);
}

/** The victim was paid in full and only the victim; the attacker's claim was refused without naming the victim. */
async function expectTheftFoiled(s: Awaited<ReturnType<typeof shop>>, hash: string) {
  const attacker = await state(s.attacker.id);
  expect(attacker).toMatchObject({ proofStatus: "none", txHash: null });
  expect(attacker.proofs[0]).toMatchObject({ txHash: hash, outcome: "rejected", rejectionReason: "matches_other_request", activeTxHash: null, receivedMicro: PRICE });
  const rejected = (await eventsFor(s.attacker.id)).at(-1)!;
  expect(rejected.type).toBe("payment.proof_rejected");
  expect(JSON.stringify(rejected.data)).not.toContain(s.victim.id);

  const victim = await state(s.victim.id);
  expect(victim).toMatchObject({ proofStatus: "verified", txHash: hash });
  expect(victim.proofs.find((p) => p.outcome === "verified")).toMatchObject({ txHash: hash, receivedMicro: PRICE, overpaidMicro: 0n });
  expect(await types(s.victim.id)).toEqual(expect.arrayContaining(["payment.proof_attached", "payment.proof_verified"]));
  expect((await types(s.victim.id)).filter((t) => t === "payment.proof_verified")).toHaveLength(1);
}

describe("theft by proof", () => {
  it("a customer's tx pasted from the mempool into a cheaper request on the public page pays the victim's request, not the attacker's", async () => {
    const s = await shop();
    const hash = await sendUnmined(s.wallet, PRICE);
    try {
      const stolen = await publicProof(s.attacker.id, hash);
      expect(stolen.status).toBe(200);
      // The real customer's own proof now meets the attacker's claim…
      const own = await publicProof(s.victim.id, hash);
      expect(own.status).toBe(409);
      expect(own.body).toMatchObject({ ok: false, error: "proof_conflict" });
      // …and that conflict has the claim checked at once instead of after its backoff.
      expect((await state(s.attacker.id)).proofs[0].nextCheckAt.getTime()).toBeLessThanOrEqual(Date.now());
      // Nothing verifies from the mempool.
      await verifyAll(s.partner.id);
      expect((await state(s.attacker.id)).proofStatus).toBe("attached");
    } finally {
      await mineAndAutomine();
    }
    await verifyAll(s.partner.id);
    await expectTheftFoiled(s, hash);
  });

  it("the same after N−1 confirmations through the partner API (3 required)", async () => {
    const settings = chain.withConfirmations(3);
    const s = await shop(settings);
    const hash = await chain.transfer(s.wallet, PRICE);
    await chain.mine(1); // 2 of 3 confirmations
    const res = await call("POST", `/api/v1/requests/${s.attacker.id}/proof`, { key: s.liveKey, body: { tx_hash: hash } });
    expect(res.status).toBe(200);
    await verifyAll(s.partner.id, settings);
    expect((await state(s.attacker.id)).proofStatus).toBe("attached"); // still waiting for the 3rd
    await chain.mine(1);
    await verifyAll(s.partner.id, settings);
    await expectTheftFoiled(s, hash);
  });

  it("the watcher finding a transfer held by a wrong claim has it corrected, never skips it", async () => {
    const s = await shop();
    const cursor = 2_000_000_000 + Math.floor(Math.random() * 40_000_000); // cursor ids are int4
    const watch = () => watchTransfers({ workerId: "attack", chains: [chain.settings], partnerId: s.partner.id, cursorId: () => cursor });
    await watch(); // cursor at head
    const hash = await chain.transfer(s.wallet, PRICE);
    await attachProof({ requestId: s.attacker.id, txHash: hash, source: "pay_page", scope: null });
    await db.proof.updateMany({ where: { requestId: s.attacker.id }, data: { nextCheckAt: new Date(Date.now() + 3_600_000) } }); // parked in backoff
    await chain.mine(1);
    await watch();
    expect((await state(s.attacker.id)).proofs[0].nextCheckAt.getTime()).toBeLessThanOrEqual(Date.now());
    await checkProofs({ workerId: "attack", chains: [chain.settings], partnerId: s.partner.id });
    await verifyAll(s.partner.id);
    await expectTheftFoiled(s, hash);
  });
});

describe("amounts", () => {
  it("an honest overpayment that matches no other request is credited, overpaid amount recorded", async () => {
    const s = await shop();
    const hash = await chain.transfer(s.wallet, CHEAP + 123_456n); // nobody's exact amount
    await attachProof({ requestId: s.attacker.id, txHash: hash, source: "pay_page", scope: null });
    await verifyAll(s.partner.id);
    const r = await state(s.attacker.id);
    expect(r).toMatchObject({ proofStatus: "verified", txHash: hash });
    expect(r.proofs[0]).toMatchObject({ outcome: "verified", overpaidMicro: 123_456n });
    expect((await state(s.victim.id)).proofStatus).toBe("none");
  });

  it("exact amount takes precedence between two open requests: each transfer pays the request of its amount, whichever it is proven for", async () => {
    const s = await shop();
    const forCheap = await chain.transfer(s.wallet, CHEAP);
    const forPrice = await chain.transfer(s.wallet, PRICE);
    // Both proven for the wrong request (a cashier mixing up two tills).
    await attachProof({ requestId: s.victim.id, txHash: forCheap, source: "partner_api", scope: null });
    await attachProof({ requestId: s.attacker.id, txHash: forPrice, source: "partner_api", scope: null });
    await verifyAll(s.partner.id);
    expect(await state(s.attacker.id)).toMatchObject({ proofStatus: "verified", txHash: forCheap });
    expect(await state(s.victim.id)).toMatchObject({ proofStatus: "verified", txHash: forPrice });
    // An underpayment that is exactly another request's amount is that request's, not an underpayment here.
    expect((await state(s.victim.id)).proofs[0]).toMatchObject({ txHash: forCheap, rejectionReason: "matches_other_request" });
  });

  it("a request created after the transfer was mined cannot own it", async () => {
    const setup = await makePaymentSetup();
    const wallet = setup.merchant.walletAddress!;
    const base = { partnerId: setup.partner.id, merchantId: setup.merchant.id, receivingWallet: wallet, chainId: chain.settings.chainId, usdcContract: chain.settings.usdcAddress };
    const proven = await insertRequest({ ...base, usdcMicro: CHEAP, createdAt: new Date(Date.now() - 60_000) });
    const hash = await chain.transfer(wallet, PRICE);
    // A same-amount request appearing later (amount tags are reused once a request closes).
    await insertRequest({ ...base, usdcMicro: PRICE, createdAt: new Date(Date.now() + 10 * 60_000) });
    await attachProof({ requestId: proven.id, txHash: hash, source: "pay_page", scope: null });
    await verifyAll(setup.partner.id);
    expect(await state(proven.id)).toMatchObject({ proofStatus: "verified", txHash: hash });
  });

  it("a merchant paying its own wallet is refused as self_transfer, and the watcher ignores it", async () => {
    const merchantWallet = chain.local.accounts[7] as Address;
    await chain.transfer(merchantWallet, 100_000_000n); // give it USDC to move
    const setup = await makePaymentSetup({ wallet: merchantWallet });
    const request = await insertRequest({
      partnerId: setup.partner.id, merchantId: setup.merchant.id, receivingWallet: merchantWallet, chainId: chain.settings.chainId,
      usdcContract: chain.settings.usdcAddress, usdcMicro: PRICE, createdAt: new Date(Date.now() - 60_000),
    });
    const cursor = 2_040_000_000 + Math.floor(Math.random() * 40_000_000);
    const watch = () => watchTransfers({ workerId: "attack", chains: [chain.settings], partnerId: setup.partner.id, cursorId: () => cursor });
    await watch();
    const hash = await chain.transfer(merchantWallet, PRICE, { from: merchantWallet });
    await chain.mine(1);
    expect((await watch()).attached).toBe(0);
    await attachProof({ requestId: request.id, txHash: hash, source: "dashboard", scope: null });
    await verifyAll(setup.partner.id);
    const r = await state(request.id);
    expect(r).toMatchObject({ proofStatus: "none" });
    expect(r.proofs[0]).toMatchObject({ outcome: "rejected", rejectionReason: "self_transfer" });
    // The refusal is visible on the request itself, not only in the webhook.
    expect((await presentRequest(r)).proof).toMatchObject({ status: "rejected", rejection_reason: "self_transfer", tx_hash: hash });
  });
});

describe("EIP-3009 payment references", () => {
  it("a payment carrying the request's nonce verifies", async () => {
    const s = await shop();
    const hash = await chain.transferWithAuthorization(s.wallet, PRICE, paymentNonce(s.victim.id));
    await attachProof({ requestId: s.victim.id, txHash: hash, source: "pay_page", scope: null });
    await verifyAll(s.partner.id);
    expect(await state(s.victim.id)).toMatchObject({ proofStatus: "verified", txHash: hash });
  });

  it("a reference outranks the amount: a payment carrying another request's nonce cannot pay this one, even at this one's exact amount", async () => {
    const s = await shop();
    // The customer of the cheap request paid it with its reference, but the victim's exact amount.
    const hash = await chain.transferWithAuthorization(s.wallet, PRICE, paymentNonce(s.attacker.id));
    await attachProof({ requestId: s.victim.id, txHash: hash, source: "pay_page", scope: null });
    await verifyAll(s.partner.id);
    const victim = await state(s.victim.id);
    expect(victim).toMatchObject({ proofStatus: "none" });
    expect(victim.proofs[0]).toMatchObject({ rejectionReason: "matches_other_request" });
    const owner = await state(s.attacker.id);
    expect(owner).toMatchObject({ proofStatus: "verified", txHash: hash });
    expect(owner.proofs.find((p) => p.outcome === "verified")).toMatchObject({ overpaidMicro: PRICE - CHEAP });
  });

  it("a replayed authorization reverts on chain and pays nothing", async () => {
    const s = await shop();
    const first = await chain.transferWithAuthorization(s.wallet, PRICE, paymentNonce(s.victim.id));
    const pc = publicClientFor(chain.settings);
    const original = await pc.getTransaction({ hash: first });
    // Anyone may submit a signed authorization; the same one a second time must fail.
    const wc = createWalletClient({ transport: http(chain.local.rpcUrl) });
    const replay = await wc.sendTransaction({ account: chain.local.accounts[2] as Address, to: original.to!, data: original.input, gas: 200_000n, chain: null });
    expect((await pc.waitForTransactionReceipt({ hash: replay, pollingInterval: 50 })).status).toBe("reverted");
    await attachProof({ requestId: s.attacker.id, txHash: replay, source: "pay_page", scope: null });
    await verifyAll(s.partner.id);
    expect((await state(s.attacker.id)).proofs[0]).toMatchObject({ outcome: "rejected", rejectionReason: "reverted" });
  });
});

describe("reorgs", () => {
  const signedTransfer = (to: string, micro: bigint) => chain.signedTransfer(to, micro);
  const send = (raw: Hex) => chain.sendRaw(raw);

  it("a verified payment a reorg removes is reversed (payment.reversed, audit), verifies again when re-mined, and is final only at the finalized block", async () => {
    const s = await shop();
    const raw = await signedTransfer(s.wallet, PRICE);
    const snap = await chain.snapshot();
    const hash = await send(raw);
    await attachProof({ requestId: s.victim.id, txHash: hash, source: "pay_page", scope: null });
    await verifyAll(s.partner.id);
    expect(await state(s.victim.id)).toMatchObject({ proofStatus: "verified" });

    // Not final yet (anvil finalises 64 blocks behind its head): checked, left verified.
    const finality = async () => {
      // Due now: the next check of a young payment is seconds away (finalityPollMs).
      await db.proof.updateMany({ where: { requestId: s.victim.id, outcome: "verified" }, data: { nextCheckAt: new Date(0) } });
      return checkFinality({ workerId: "attack", chains: [chain.settings], partnerId: s.partner.id });
    };
    expect(await finality()).toBe(1);
    expect((await state(s.victim.id)).proofs[0]).toMatchObject({ outcome: "verified", finalizedAt: null });

    // The block that held the payment is replaced by two empty ones.
    await chain.revert(snap);
    await chain.mine(2);
    expect(await finality()).toBe(1);
    let r = await state(s.victim.id);
    expect(r).toMatchObject({ proofStatus: "attached", txHash: hash, proofVerifiedAt: null });
    expect(r.proofs[0]).toMatchObject({ outcome: "pending", activeTxHash: hash, blockHash: null });
    expect(r.proofs[0].reversedAt).not.toBeNull();
    const reversed = (await eventsFor(s.victim.id)).at(-1)!;
    expect(reversed).toMatchObject({ type: "payment.reversed", data: { proof_status: "attached", tx_hash: hash, proof: { status: "pending" } } });
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: s.victim.id, action: "payment.reversed" } });
    expect(audit).toMatchObject({ actorType: "system", partnerId: s.partner.id });
    // The hash stays this request's: nobody can claim it while it is away.
    expect((await publicProof(s.attacker.id, hash)).status).toBe(409);

    // The same transaction mined again verifies again.
    expect(await send(raw)).toBe(hash);
    await verifyAll(s.partner.id);
    r = await state(s.victim.id);
    expect(r).toMatchObject({ proofStatus: "verified", txHash: hash });
    expect(await types(s.victim.id)).toEqual(["payment.proof_attached", "payment.proof_verified", "payment.reversed", "payment.proof_verified"]);

    await chain.mine(70);
    expect(await finality()).toBe(1);
    r = await state(s.victim.id);
    expect(r.proofs[0].finalizedAt).not.toBeNull();
    expect((await presentRequest(r)).proof?.finalized_at).toBe(r.proofs[0].finalizedAt!.toISOString());
    expect(await finality()).toBe(0); // final: never checked again, even when due
  });

  it("the watcher finds a payment in a block that replaced blocks it had already scanned", async () => {
    const setup = await makePaymentSetup();
    const wallet = setup.merchant.walletAddress!;
    const request = await insertRequest({
      partnerId: setup.partner.id, merchantId: setup.merchant.id, receivingWallet: wallet, chainId: chain.settings.chainId,
      usdcContract: chain.settings.usdcAddress, usdcMicro: PRICE, createdAt: new Date(Date.now() - 60_000),
    });
    const base = 2_080_000_000 + Math.floor(Math.random() * 40_000_000);
    const watcher = (reorgWindow: number, cursor: number) => async () => {
      let attached = 0;
      for (;;) {
        const r = await watchTransfers({ workerId: "attack", chains: [{ ...chain.settings, reorgWindow }], partnerId: setup.partner.id, cursorId: () => cursor, maxBlockRange: 40 });
        expect(r.failedChainIds).toEqual([]);
        attached += r.attached;
        if (r.blocksScanned === 0) return attached;
      }
    };
    const blind = watcher(0, base);
    const windowed = watcher(16, base + 1);
    await blind();
    await windowed();
    const snap = await chain.snapshot();
    await chain.mine(10);
    expect(await blind()).toBe(0);
    expect(await windowed()).toBe(0);

    // A reorg: those 10 blocks are replaced, the payment lands in the first replacing block.
    await chain.revert(snap);
    const hash = await chain.transfer(wallet, PRICE);
    await chain.mine(10);
    expect(await blind()).toBe(0); // a cursor that only moves forward never sees it
    expect(await windowed()).toBe(1);
    expect(await state(request.id)).toMatchObject({ proofStatus: "attached", txHash: hash });
  });
});

describe("griefing", () => {
  it("junk hashes pasted on the pay page do not keep a request open past its expiry", async () => {
    const setup = await makePaymentSetup();
    const request = await insertRequest({
      partnerId: setup.partner.id, merchantId: setup.merchant.id, receivingWallet: setup.merchant.walletAddress!, chainId: chain.settings.chainId,
      usdcContract: chain.settings.usdcAddress, usdcMicro: PRICE, createdAt: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() + 60_000),
    });
    for (let i = 0; i < 5; i++) expect((await publicProof(request.id, `0x${randomBytes(32).toString("hex")}`)).status).toBe(200);
    expect((await publicProof(request.id, `0x${randomBytes(32).toString("hex")}`)).body).toMatchObject({ error: "too_many_proofs" });
    await checkProofs({ workerId: "attack", chains: [chain.settings], partnerId: setup.partner.id });
    expect(await expireRequests({ partnerId: setup.partner.id })).toBe(0); // not due yet
    expect(await expireRequests({ partnerId: setup.partner.id, now: new Date(Date.now() + 61_000) })).toBe(1);
    expect(await state(request.id)).toMatchObject({ status: "expired", proofStatus: "attached" });
  });
});
