// Proof verification against a real anvil chain with the project's TestUSDC (SPEC §6): one test
// per case, each asserting the request's final state and the events emitted.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Address } from "viem";
import type { ChainSettings } from "@/lib/chains/config";
import { db } from "@/lib/db";
import { attachProof } from "@/lib/payments/attach-proof";
import { checkProofs, missingReceiptDelayMs, RPC_ERROR_RETRY_MAX_MS, UNCONFIGURED_CHAIN_GIVE_UP_MS, UNKNOWN_HASH_GIVE_UP_MS } from "@/lib/payments/check-proofs";
import { expireRequests } from "@/lib/requests/expire-requests";
import { settleProof } from "@/lib/payments/settle-proof";
import { isApiError } from "@/lib/errors";
import { randomWallet } from "../support/fixtures";
import { eventsFor, insertRequest, makePaymentSetup, openPaymentRequest } from "../support/request-fixtures";
import { startTestChain, type TestChain } from "./support/chain";

let chain: TestChain;
let forwarder: Address;

beforeAll(async () => {
  chain = await startTestChain();
  forwarder = await chain.deployForwarder();
  await chain.approve(forwarder);
});
afterAll(async () => {
  await chain?.stop();
});

const AMOUNT = 27_500_000n;

async function openRequest(over: { usdcMicro?: bigint; createdAt?: Date; expiresAt?: Date; status?: "requested" | "expired" } = {}) {
  return openPaymentRequest(chain.settings, { ...over, usdcMicro: over.usdcMicro ?? AMOUNT });
}

const attach = (requestId: string, txHash: string) => attachProof({ requestId, txHash, source: "partner_api", scope: null });

/** Runs verification passes for one partner until its proofs leave `pending` (or time runs out). */
async function verifyAll(partnerId: string, settings: ChainSettings = chain.settings, maxMs = 10_000) {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    await checkProofs({ workerId: "test", chains: [settings], partnerId });
    const pending = await db.proof.count({ where: { outcome: "pending", request: { partnerId } } });
    if (pending === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Makes every pending proof of the partner due now (skips the backoff wait). */
const makeDue = (partnerId: string) => db.proof.updateMany({ where: { outcome: "pending", request: { partnerId } }, data: { nextCheckAt: new Date(0) } });

async function stateOf(requestId: string) {
  const r = await db.paymentRequest.findUniqueOrThrow({ where: { id: requestId }, include: { proofs: { orderBy: { createdAt: "asc" } } } });
  return r;
}

const types = async (requestId: string) => (await eventsFor(requestId)).map((e) => e.type);

/** A live request snapshotted on `chainId` (not necessarily a configured one), with a proof attached. */
async function liveRequestWithProofOn(chainId: number, usdcContract: string) {
  const setup = await makePaymentSetup();
  const request = await insertRequest({
    partnerId: setup.partner.id, merchantId: setup.merchant.id, testMode: false, usdcMicro: AMOUNT,
    receivingWallet: setup.merchant.walletAddress!, chainId, usdcContract,
  });
  await attach(request.id, `0x${randomBytes(32).toString("hex")}`);
  return { setup, request };
}

describe("proof verification on a real chain", () => {
  it("verifies an exact payment", async () => {
    const { partner, request, wallet } = await openRequest();
    const hash = await chain.transfer(wallet, AMOUNT);
    await attach(request.id, hash);
    await verifyAll(partner.id);

    const r = await stateOf(request.id);
    expect(r).toMatchObject({ proofStatus: "verified", txHash: hash, late: false, status: "requested" });
    expect(r.proofVerifiedAt).not.toBeNull();
    expect(r.proofs[0]).toMatchObject({ outcome: "verified", receivedMicro: AMOUNT, overpaidMicro: 0n, confirmations: 1 });
    const events = await eventsFor(request.id);
    expect(events.map((e) => e.type)).toEqual(["payment.proof_attached", "payment.proof_verified"]);
    expect(events[1].data).toMatchObject({
      proof_status: "verified", tx_hash: hash, proof_verified_at: r.proofVerifiedAt!.toISOString(),
      amount: { usdc_micro: AMOUNT.toString() }, metadata: { order_id: "ORD-1" },
      proof: { status: "verified", received_usdc_micro: AMOUNT.toString(), overpaid_usdc_micro: "0" },
    });
  });

  it("verifies an overpayment and records the amount", async () => {
    const { partner, request, wallet } = await openRequest();
    const hash = await chain.transfer(wallet, AMOUNT + 1_234_567n);
    await attach(request.id, hash);
    await verifyAll(partner.id);

    const r = await stateOf(request.id);
    expect(r.proofStatus).toBe("verified");
    expect(r.proofs[0]).toMatchObject({ outcome: "verified", receivedMicro: AMOUNT + 1_234_567n, overpaidMicro: 1_234_567n });
    const events = await eventsFor(request.id);
    expect(events.map((e) => e.type)).toEqual(["payment.proof_attached", "payment.proof_verified"]);
    expect(events[1].data).toMatchObject({ proof: { overpaid_usdc_micro: "1234567", received_usdc_micro: (AMOUNT + 1_234_567n).toString() } });
  });

  it("rejects an underpayment as underpaid with expected and received amounts", async () => {
    const { partner, request, wallet } = await openRequest();
    const hash = await chain.transfer(wallet, AMOUNT - 1n);
    await attach(request.id, hash);
    await verifyAll(partner.id);

    const r = await stateOf(request.id);
    expect(r).toMatchObject({ proofStatus: "none", txHash: null });
    expect(r.proofs[0]).toMatchObject({ outcome: "rejected", rejectionReason: "underpaid", activeTxHash: null, expectedMicro: AMOUNT, receivedMicro: AMOUNT - 1n });
    const events = await eventsFor(request.id);
    expect(events.map((e) => e.type)).toEqual(["payment.proof_attached", "payment.proof_rejected"]);
    expect(events[1].data).toMatchObject({
      proof_status: "none", tx_hash: null,
      proof: { tx_hash: hash, status: "rejected", rejection_reason: "underpaid", expected_usdc_micro: AMOUNT.toString(), received_usdc_micro: (AMOUNT - 1n).toString() },
    });
  });

  it("rejects the right amount of another ERC-20 as wrong_token", async () => {
    const { partner, request, wallet } = await openRequest();
    const otherToken = await chain.deployToken();
    const hash = await chain.transfer(wallet, AMOUNT, { token: otherToken });
    await attach(request.id, hash);
    await verifyAll(partner.id);

    const r = await stateOf(request.id);
    expect(r.proofStatus).toBe("none");
    expect(r.proofs[0]).toMatchObject({ outcome: "rejected", rejectionReason: "wrong_token", receivedMicro: 0n });
    expect(await types(request.id)).toEqual(["payment.proof_attached", "payment.proof_rejected"]);
  });

  it("rejects USDC sent to another wallet as wrong_recipient", async () => {
    const { partner, request } = await openRequest();
    const hash = await chain.transfer(randomWallet(), AMOUNT);
    await attach(request.id, hash);
    await verifyAll(partner.id);

    const r = await stateOf(request.id);
    expect(r.proofStatus).toBe("none");
    expect(r.proofs[0]).toMatchObject({ outcome: "rejected", rejectionReason: "wrong_recipient" });
    expect(await types(request.id)).toEqual(["payment.proof_attached", "payment.proof_rejected"]);
  });

  it("rejects a reverted transaction", async () => {
    const { partner, request, wallet } = await openRequest();
    const hash = await chain.forwardAndRevert(forwarder, wallet, AMOUNT);
    await attach(request.id, hash);
    await verifyAll(partner.id);

    const r = await stateOf(request.id);
    expect(r.proofStatus).toBe("none");
    expect(r.proofs[0]).toMatchObject({ outcome: "rejected", rejectionReason: "reverted" });
    expect(await types(request.id)).toEqual(["payment.proof_attached", "payment.proof_rejected"]);
  });

  it("verifies a payment made through a contract from the token's Transfer log", async () => {
    const { partner, request, wallet } = await openRequest();
    const hash = await chain.forward(forwarder, wallet, AMOUNT);
    await attach(request.id, hash);
    await verifyAll(partner.id);

    const r = await stateOf(request.id);
    expect(r.proofStatus).toBe("verified");
    expect(r.proofs[0]).toMatchObject({ outcome: "verified", receivedMicro: AMOUNT });
    expect(await types(request.id)).toEqual(["payment.proof_attached", "payment.proof_verified"]);
  });

  it("sums two transfers in one transaction", async () => {
    const { partner, request, wallet } = await openRequest();
    const hash = await chain.splitPay(forwarder, wallet, 20_000_000n, 7_500_000n);
    await attach(request.id, hash);
    await verifyAll(partner.id);

    const r = await stateOf(request.id);
    expect(r.proofStatus).toBe("verified");
    expect(r.proofs[0]).toMatchObject({ outcome: "verified", receivedMicro: AMOUNT, overpaidMicro: 0n });
    expect(await types(request.id)).toEqual(["payment.proof_attached", "payment.proof_verified"]);
  });

  it("rejects a transaction mined before the request existed", async () => {
    const setupWallet = randomWallet();
    const hash = await chain.transfer(setupWallet, AMOUNT);
    const { partner, merchant } = await makePaymentSetup({ wallet: setupWallet });
    // Created 10 minutes after the payment's block: far beyond the 60 s skew.
    const request = await insertRequest({
      partnerId: partner.id, merchantId: merchant.id, usdcMicro: AMOUNT, receivingWallet: setupWallet,
      chainId: chain.settings.chainId, usdcContract: chain.settings.usdcAddress, createdAt: new Date(Date.now() + 10 * 60_000),
    });
    await attach(request.id, hash);
    await verifyAll(partner.id);

    const r = await stateOf(request.id);
    expect(r.proofStatus).toBe("none");
    expect(r.proofs[0]).toMatchObject({ outcome: "rejected", rejectionReason: "before_request" });
    expect(await types(request.id)).toEqual(["payment.proof_attached", "payment.proof_rejected"]);
  });

  it("keeps a proof attached until enough confirmations, then verifies", async () => {
    const { partner, request, wallet } = await openRequest();
    const threeConfs = chain.withConfirmations(3);
    const hash = await chain.transfer(wallet, AMOUNT);
    await attach(request.id, hash);
    await checkProofs({ workerId: "test", chains: [threeConfs], partnerId: partner.id });

    let r = await stateOf(request.id);
    expect(r).toMatchObject({ proofStatus: "attached", txHash: hash });
    expect(r.proofs[0]).toMatchObject({ outcome: "pending", confirmations: 1 });
    expect(await types(request.id)).toEqual(["payment.proof_attached"]);

    await chain.mine(2);
    await makeDue(partner.id);
    await verifyAll(partner.id, threeConfs);
    r = await stateOf(request.id);
    expect(r.proofStatus).toBe("verified");
    expect(r.proofs[0]).toMatchObject({ outcome: "verified", confirmations: 3 });
    expect(await types(request.id)).toEqual(["payment.proof_attached", "payment.proof_verified"]);
  });

  it("keeps an unknown hash attached and backs off", async () => {
    const { partner, request } = await openRequest();
    const unknown = `0x${"7e".repeat(32)}`;
    await attach(request.id, unknown);
    // Unknown for 20 s by now: looked for again in a tenth of that.
    const attachedAt = Date.now() - 20_000;
    await db.proof.updateMany({ where: { requestId: request.id }, data: { createdAt: new Date(attachedAt) } });
    let lastCheck = { from: 0, to: 0 };
    for (let i = 0; i < 3; i++) {
      await makeDue(partner.id);
      const from = Date.now();
      await checkProofs({ workerId: "test", chains: [chain.settings], partnerId: partner.id });
      lastCheck = { from, to: Date.now() };
    }
    const r = await stateOf(request.id);
    expect(r).toMatchObject({ proofStatus: "attached", txHash: unknown });
    expect(r.proofs[0]).toMatchObject({ outcome: "pending", activeTxHash: unknown, checkAttempts: 3, lastError: "receipt not found" });
    // Bounded by the clock around the last check, not by how fast this test runs: a stall
    // anywhere moves both bounds with it.
    const next = r.proofs[0].nextCheckAt.getTime();
    expect(next).toBeGreaterThanOrEqual(lastCheck.from + missingReceiptDelayMs(lastCheck.from - attachedAt));
    expect(next).toBeLessThanOrEqual(lastCheck.to + missingReceiptDelayMs(lastCheck.to - attachedAt));
    expect(missingReceiptDelayMs(lastCheck.from - attachedAt)).toBeGreaterThanOrEqual(2_000);
    expect(await types(request.id)).toEqual(["payment.proof_attached"]);
  });

  it("rejects a hash the chain has not known for an hour as not_found; unseen hashes never keep the request past its expiry", async () => {
    const giveUpAgo = Date.now() - UNKNOWN_HASH_GIVE_UP_MS;
    const { partner, request } = await openRequest({ createdAt: new Date(giveUpAgo - 60 * 60_000), expiresAt: new Date(giveUpAgo) });
    const stale = `0x${"5c".repeat(32)}`;
    const fresh = `0x${"5d".repeat(32)}`;
    await attach(request.id, stale);
    await db.proof.updateMany({ where: { requestId: request.id }, data: { createdAt: new Date(giveUpAgo - 1_000) } });
    await attach(request.id, fresh);
    // While an RPC failure is all we hear, even the stale hash waits: only "no such receipt" counts.
    await checkProofs({ workerId: "test", chains: [{ ...chain.settings, rpcUrl: "http://127.0.0.1:1" }], partnerId: partner.id });
    expect((await stateOf(request.id)).proofs.map((p) => p.outcome)).toEqual(["pending", "pending"]);

    // The chain answers: the hour-old unknown hash is rejected, the fresh one keeps its proof pending.
    await makeDue(partner.id);
    await checkProofs({ workerId: "test", chains: [chain.settings], partnerId: partner.id });
    let r = await stateOf(request.id);
    expect(r.proofs.map((p) => [p.txHash, p.outcome, p.rejectionReason])).toEqual([[stale, "rejected", "not_found"], [fresh, "pending", null]]);
    expect(r.proofs[0].activeTxHash).toBeNull();
    expect(r).toMatchObject({ proofStatus: "attached", txHash: fresh });
    // The chain has never shown the fresh hash either: it does not hold the request past expires_at.
    expect(await expireRequests({ partnerId: partner.id })).toBe(1);
    expect(await stateOf(request.id)).toMatchObject({ status: "expired", proofStatus: "attached" });

    // An hour on, the second one goes the same way.
    await db.proof.updateMany({ where: { requestId: request.id, outcome: "pending" }, data: { createdAt: new Date(giveUpAgo - 1_000), nextCheckAt: new Date(0) } });
    await checkProofs({ workerId: "test", chains: [chain.settings], partnerId: partner.id });
    r = await stateOf(request.id);
    expect(r).toMatchObject({ status: "expired", proofStatus: "none", txHash: null });
    const events = await eventsFor(request.id);
    expect(events.map((e) => e.type)).toEqual(["payment.proof_attached", "payment.proof_attached", "payment.proof_rejected", "request.expired", "payment.proof_rejected"]);
    expect(events[2].data).toMatchObject({ proof_status: "attached", proof: { tx_hash: stale, status: "rejected", rejection_reason: "not_found" } });
    expect(events[3].data).toMatchObject({ status: "expired", proof_status: "attached" });
    expect(events[4].data).toMatchObject({ status: "expired", proof_status: "none", proof: { tx_hash: fresh, rejection_reason: "not_found" } });
  });

  it("verifies an old proof whose transaction is on chain (age alone never rejects)", async () => {
    const { partner, request, wallet } = await openRequest();
    const hash = await chain.transfer(wallet, AMOUNT);
    await attach(request.id, hash);
    await db.proof.updateMany({ where: { requestId: request.id }, data: { createdAt: new Date(Date.now() - 2 * UNKNOWN_HASH_GIVE_UP_MS) } });
    await verifyAll(partner.id);
    expect(await stateOf(request.id)).toMatchObject({ proofStatus: "verified", txHash: hash });
  });

  it("stays attached while the RPC is down and verifies once it answers", async () => {
    const { partner, request, wallet } = await openRequest();
    const hash = await chain.transfer(wallet, AMOUNT);
    await attach(request.id, hash);
    const dead: ChainSettings = { ...chain.settings, rpcUrl: "http://127.0.0.1:1" };
    await checkProofs({ workerId: "test", chains: [dead], partnerId: partner.id });

    let r = await stateOf(request.id);
    expect(r.proofStatus).toBe("attached");
    expect(r.proofs[0].outcome).toBe("pending");
    expect(r.proofs[0].lastError).toBeTruthy();
    expect(await types(request.id)).toEqual(["payment.proof_attached"]);

    await makeDue(partner.id);
    await verifyAll(partner.id);
    r = await stateOf(request.id);
    expect(r.proofStatus).toBe("verified");
    expect(await types(request.id)).toEqual(["payment.proof_attached", "payment.proof_verified"]);
  });

  it("retries within seconds after an RPC error however often the proof was polled before, and a missing receipt by its age", async () => {
    const { partner, request, wallet } = await openRequest();
    const hash = await chain.transfer(wallet, AMOUNT);
    await attach(request.id, hash);
    // A payment that waited long for its confirmations has been checked many times already.
    await db.proof.updateMany({ where: { requestId: request.id }, data: { checkAttempts: 40 } });
    const before = Date.now();
    await checkProofs({ workerId: "test", chains: [{ ...chain.settings, rpcUrl: "http://127.0.0.1:1" }], partnerId: partner.id });
    const [p] = (await stateOf(request.id)).proofs;
    expect(p).toMatchObject({ outcome: "pending", checkAttempts: 41 });
    expect(p.lastError).toBeTruthy();
    expect(p.nextCheckAt.getTime() - before).toBeLessThanOrEqual(RPC_ERROR_RETRY_MAX_MS * 1.25 + 2_000); // not the 60 s cap

    // A hash the chain does not know: looked for again soon while it is young, rarely once old.
    const young = await openRequest();
    const junk = `0x${randomBytes(32).toString("hex")}`;
    await attach(young.request.id, junk);
    await db.proof.updateMany({ where: { requestId: young.request.id }, data: { checkAttempts: 40 } });
    const old = await openRequest();
    await attach(old.request.id, `0x${randomBytes(32).toString("hex")}`);
    await db.proof.updateMany({ where: { requestId: old.request.id }, data: { createdAt: new Date(Date.now() - 30 * 60_000) } });
    for (const partnerId of [young.partner.id, old.partner.id]) await checkProofs({ workerId: "test", chains: [chain.settings], partnerId });
    const youngNext = (await stateOf(young.request.id)).proofs[0];
    const oldNext = (await stateOf(old.request.id)).proofs[0];
    expect(youngNext.lastError).toBe("receipt not found");
    expect(youngNext.nextCheckAt.getTime() - Date.now()).toBeLessThan(5_000);
    expect(oldNext.nextCheckAt.getTime() - Date.now()).toBeGreaterThan(50_000);
  });

  it("never verifies a payment reorged away before its confirmations", async () => {
    const { partner, request, wallet } = await openRequest();
    const threeConfs = chain.withConfirmations(3);
    const snap = await chain.snapshot();
    const hash = await chain.transfer(wallet, AMOUNT);
    await attach(request.id, hash);
    await checkProofs({ workerId: "test", chains: [threeConfs], partnerId: partner.id });
    expect((await stateOf(request.id)).proofs[0]).toMatchObject({ outcome: "pending", confirmations: 1 });

    await chain.revert(snap); // the payment's block is gone
    await chain.mine(3);
    await makeDue(partner.id);
    await checkProofs({ workerId: "test", chains: [threeConfs], partnerId: partner.id });

    const r = await stateOf(request.id);
    expect(r).toMatchObject({ proofStatus: "attached", txHash: hash });
    expect(r.proofs[0]).toMatchObject({ outcome: "pending", lastError: "receipt not found" });
    expect(await types(request.id)).toEqual(["payment.proof_attached"]);
  });

  it("verifies a payment mined after expiry with late: true", async () => {
    const { partner, request, wallet } = await openRequest({
      createdAt: new Date(Date.now() - 2 * 3600_000), expiresAt: new Date(Date.now() - 3600_000), status: "expired",
    });
    const hash = await chain.transfer(wallet, AMOUNT);
    await attach(request.id, hash);
    await verifyAll(partner.id);

    const r = await stateOf(request.id);
    expect(r).toMatchObject({ proofStatus: "verified", late: true, status: "expired" });
    expect(r.proofs[0]).toMatchObject({ outcome: "verified", late: true });
    const events = await eventsFor(request.id);
    expect(events.map((e) => e.type)).toEqual(["payment.proof_attached", "payment.proof_verified"]);
    expect(events[1].data).toMatchObject({ late: true, proof: { late: true } });
  });
  it("one tx hash offered to two requests (concurrently, upper-case, then again later): one wins", async () => {
    const a = await openRequest();
    const b = await openRequest();
    const hash = await chain.transfer(a.wallet, AMOUNT);
    const upper = `0x${hash.slice(2).toUpperCase()}`;
    const outcomes = await Promise.allSettled([attach(a.request.id, hash), attach(b.request.id, upper)]);
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(isApiError(lost[0].reason) && lost[0].reason.code).toBe("proof_conflict");

    // Whoever won, verification settles it: B's claim is the wrong recipient and frees the hash.
    await verifyAll(a.partner.id);
    await verifyAll(b.partner.id);
    if ((await stateOf(a.request.id)).proofStatus !== "verified") await attach(a.request.id, hash);
    await verifyAll(a.partner.id);

    expect(await stateOf(a.request.id)).toMatchObject({ proofStatus: "verified", txHash: hash });
    expect(await stateOf(b.request.id)).toMatchObject({ proofStatus: "none", txHash: null });
    // Sequential, once verified: the hash stays A's for good.
    await expect(attach(b.request.id, upper)).rejects.toMatchObject({ code: "proof_conflict" });
    expect((await types(a.request.id)).filter((t) => t === "payment.proof_verified")).toHaveLength(1);
    expect(await types(b.request.id)).not.toContain("payment.proof_verified");
  });

  it("a worker whose lease was taken over cannot settle the proof (no double event)", async () => {
    const { partner, request, wallet } = await openRequest();
    const hash = await chain.transfer(wallet, AMOUNT);
    const { proof } = await attach(request.id, hash);
    // A first worker claimed it, then stalled past its lease.
    await db.proof.update({ where: { id: proof.id }, data: { leaseOwner: "stalled:abc", leaseUntil: new Date(Date.now() - 1000) } });
    await verifyAll(partner.id);
    expect((await stateOf(request.id)).proofStatus).toBe("verified");

    const late = await db.$transaction((tx) =>
      settleProof(tx, proof, { kind: "verified", receivedMicro: AMOUNT, overpaidMicro: 0n, late: false, block: null }, "stalled:abc"),
    );
    expect(late).toBeNull();
    const rejectLate = await db.$transaction((tx) =>
      settleProof(tx, proof, { kind: "rejected", reason: "underpaid", receivedMicro: 1n, block: null }, "stalled:abc"),
    );
    expect(rejectLate).toBeNull();
    expect(await types(request.id)).toEqual(["payment.proof_attached", "payment.proof_verified"]);
  });
  it("rejects a proof on a chain that is not its mode's chain as wrong_chain, without reading it", async () => {
    // Defaults: live = Base (8453), test = Base Sepolia (84532). A live request snapshotted on the
    // test chain (e.g. created under an earlier configuration) must never verify there.
    const { setup, request } = await liveRequestWithProofOn(84532, "0x036cbd53842c5426634e7929541ec2318f3dcf7e");
    await checkProofs({ workerId: "test", partnerId: setup.partner.id });

    const r = await stateOf(request.id);
    expect(r).toMatchObject({ proofStatus: "none", txHash: null });
    expect(r.proofs[0]).toMatchObject({ outcome: "rejected", rejectionReason: "wrong_chain", activeTxHash: null });
    expect(await types(request.id)).toEqual(["payment.proof_attached", "payment.proof_rejected"]);
  });

  it("rejects as wrong_chain a day-old proof on a chain no mode uses any more, instead of leaving it pending for ever", async () => {
    // Chain 10 is neither the live nor the test chain: before, such proofs were never claimed, so
    // their requests stayed attached (and never expired).
    const { setup, request } = await liveRequestWithProofOn(10, "0x0b2c639c533813f4aa9d7837caf62653d097ff85");
    // Within the first day it waits: the chain setting may be wrong only for a while.
    expect(await checkProofs({ workerId: "test", partnerId: setup.partner.id })).toBe(0);
    await db.proof.updateMany({ where: { requestId: request.id }, data: { createdAt: new Date(Date.now() - UNCONFIGURED_CHAIN_GIVE_UP_MS - 60_000) } });
    expect(await checkProofs({ workerId: "test", partnerId: setup.partner.id })).toBe(1);

    const r = await stateOf(request.id);
    expect(r).toMatchObject({ proofStatus: "none", txHash: null });
    expect(r.proofs[0]).toMatchObject({ outcome: "rejected", rejectionReason: "wrong_chain" });
    expect(await types(request.id)).toEqual(["payment.proof_attached", "payment.proof_rejected"]);
  });

  it("reschedules a proof whose RPC never answers once its read deadline passes, so the pass ends inside its lease", async () => {
    const silent = createServer(() => {}); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    try {
      const { partner, request } = await openRequest();
      await attach(request.id, `0x${randomBytes(32).toString("hex")}`);
      const hanging = { ...chain.settings, rpcUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` };
      const before = Date.now();
      expect(await checkProofs({ workerId: "test", chains: [hanging], partnerId: partner.id, readDeadlineMs: 300 })).toBe(1);
      const [p] = (await stateOf(request.id)).proofs;
      expect(p).toMatchObject({ outcome: "pending" });
      expect(p.lastError).toMatch(/took over 300 ms/);
      expect(p.nextCheckAt.getTime()).toBeGreaterThan(before);
      expect(p.leaseOwner).toBeNull(); // given back, not held until the lease runs out
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});
