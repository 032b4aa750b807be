// Refunds verified on a real anvil chain with the project's TestUSDC (lib/refunds/): the merchant's
// wallet (a local key, as the dashboard's wallet would sign) sends what prepareRefundTransfer
// prepared; the refund checker loop verifies it with the payments' rules — sender, recipient,
// token, exact amount, confirmations — reverses it when a reorg removes it and verifies it again
// when it is re-mined. Every state change commits with its event and audit entry.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { isApiError } from "@/lib/errors";
import { attachProof } from "@/lib/payments/attach-proof";
import { checkProofs } from "@/lib/payments/check-proofs";
import { checkRefunds } from "@/lib/refunds/check-refunds";
import { createRefund } from "@/lib/refunds/create-refund";
import { prepareRefundTransfer } from "@/lib/refunds/prepare-refund-transfer";
import { submitRefundTx } from "@/lib/refunds/submit-refund-tx";
import { randomWallet } from "../support/fixtures";
import { eventsFor, openPaymentRequest } from "../support/request-fixtures";
import { startTestChain, type TestChain } from "../payments/support/chain";
import { newMerchantWallet, type MerchantWallet } from "./support/merchant-wallet";

let chain: TestChain;
beforeAll(async () => {
  chain = await startTestChain();
});
afterAll(async () => {
  await chain?.stop();
});

const AMOUNT = 40_000_000n;

/** Polls `check` after each pass of `work` until it holds (bounded: a failure names what it waited for). */
async function until<T>(what: string, work: () => Promise<unknown>, check: () => Promise<T | null | undefined | false>, maxMs = 20_000): Promise<T> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    await work();
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A request to a fresh merchant wallet, paid by the chain's payer and verified by the real loop. */
async function paidRequest(amount = AMOUNT) {
  const wallet = await newMerchantWallet(chain);
  const setup = await openPaymentRequest(chain.settings, { usdcMicro: amount, createdAt: new Date(Date.now() - 60_000) }, { wallet: wallet.address });
  const paymentHash = await chain.transfer(setup.wallet, amount);
  await attachProof({ requestId: setup.request.id, txHash: paymentHash, source: "partner_api", scope: null });
  await until(
    "the payment's verification",
    () => checkProofs({ workerId: "refund-test", chains: [chain.settings], partnerId: setup.partner.id }),
    () => db.proof.findFirst({ where: { requestId: setup.request.id, outcome: "verified" } }),
  );
  return { ...setup, merchantWallet: wallet, paymentHash, merchantId: setup.merchant.id, actor: { id: setup.merchant.id, email: null, role: "merchant" as const } };
}

type Paid = Awaited<ReturnType<typeof paidRequest>>;

/** Runs refund-check passes for the partner until the refund leaves `submitted` (or `status` is reached). */
async function checkUntil(p: Paid, refundId: string, status: "verified" | "rejected" | "submitted" = "verified") {
  return until(
    `refund ${refundId} → ${status}`,
    async () => {
      await db.refund.updateMany({ where: { partnerId: p.partner.id, OR: [{ status: "submitted" }, { status: "verified", finalizedAt: null }] }, data: { nextCheckAt: new Date(0) } });
      await checkRefunds({ workerId: "refund-test", chains: [chain.settings], partnerId: p.partner.id });
    },
    async () => {
      const r = await db.refund.findUniqueOrThrow({ where: { id: refundId } });
      return r.status === status ? r : null;
    },
  );
}

/** The merchant's dashboard flow: create, prepare, sign with its wallet, send, submit the hash. */
async function refundOnChain(p: Paid, amountMicro: bigint, send: (w: MerchantWallet, t: Awaited<ReturnType<typeof prepareRefundTransfer>>) => Promise<`0x${string}`> = (w, t) => w.sign(t)) {
  const refund = await createRefund({ requestId: p.request.id, amountMicro, initiatedBy: "merchant", merchantId: p.merchantId, actor: p.actor, reason: "returned" });
  const transfer = await prepareRefundTransfer(p.merchantId, refund.id);
  const raw = await send(p.merchantWallet, transfer);
  const hash = await chain.sendRaw(raw);
  await submitRefundTx(p.merchantId, refund.id, hash);
  return { refund, raw, hash, transfer };
}

const types = async (requestId: string) => (await eventsFor(requestId)).map((e) => e.type);

async function refusal(p: Promise<unknown>) {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!isApiError(err)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return { code: err.code, status: err.status, extra: err.extra, details: err.extra.details };
}

describe("refunds verified on chain", () => {
  it("a full refund goes to the payer by default, is verified by the loop and emits payment.refunded with refunds[]", async () => {
    const p = await paidRequest();
    const refund = await createRefund({ requestId: p.request.id, amountMicro: AMOUNT, initiatedBy: "merchant", merchantId: p.merchantId, actor: p.actor });
    expect(refund).toMatchObject({ status: "awaiting_transfer", toAddress: chain.payer.toLowerCase(), fromWallet: p.wallet.toLowerCase(), amountMicro: AMOUNT, initiatedBy: "merchant" });

    const t = await prepareRefundTransfer(p.merchantId, refund.id);
    expect(t).toMatchObject({ chainId: chain.settings.chainId, amountMicro: AMOUNT });
    expect(t.from.toLowerCase()).toBe(p.wallet.toLowerCase());
    expect(t.to.toLowerCase()).toBe(chain.payer.toLowerCase());
    expect(t.usdcContract.toLowerCase()).toBe(chain.settings.usdcAddress.toLowerCase());
    expect(t.data.slice(0, 10)).toBe("0xa9059cbb"); // transfer(address,uint256)

    const hash = await chain.sendRaw(await p.merchantWallet.sign(t));
    expect(await submitRefundTx(p.merchantId, refund.id, hash.toUpperCase().replace("0X", "0x"))).toMatchObject({ status: "submitted", txHash: hash, activeTxHash: hash });
    const done = await checkUntil(p, refund.id);
    expect(done).toMatchObject({ status: "verified", rejectionReason: null, finalizedAt: null, confirmations: 1 });
    expect(done.blockNumber).not.toBeNull();
    expect(done.verifiedAt).not.toBeNull();

    expect(await types(p.request.id)).toEqual(["payment.proof_attached", "payment.proof_verified", "payment.refunded"]);
    const event = await db.event.findFirstOrThrow({ where: { requestId: p.request.id, type: "payment.refunded" } });
    const payload = event.payload as { data: { refunds: unknown[]; proof_status: string }; refund: Record<string, unknown> };
    expect(payload.refund).toMatchObject({ refund_id: refund.id, status: "verified", amount_usdc_micro: AMOUNT.toString(), tx_hash: hash, to_address: chain.payer.toLowerCase(), initiated_by: "merchant", simulated: false });
    expect(payload.data.proof_status).toBe("verified");
    expect(payload.data.refunds).toEqual([payload.refund]);
    const audit = await db.auditLog.findMany({ where: { targetType: "refund", targetId: refund.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.actorType])).toEqual([["refund.created", "merchant"], ["refund.submitted", "merchant"], ["refund.verified", "system"]]);
  });

  it("two partial refunds up to the received amount both verify; a third is refused at creation", async () => {
    const p = await paidRequest();
    const first = await refundOnChain(p, 15_000_000n);
    const second = await refundOnChain(p, AMOUNT - 15_000_000n);
    await checkUntil(p, first.refund.id);
    await checkUntil(p, second.refund.id);
    const more = await refusal(createRefund({ requestId: p.request.id, amountMicro: 1n, initiatedBy: "merchant", merchantId: p.merchantId, actor: p.actor }));
    expect(more).toMatchObject({ code: "refund_exceeds_received", status: 409, extra: { received_usdc_micro: AMOUNT.toString(), refundable_usdc_micro: "0" } });
    expect((await eventsFor(p.request.id)).filter((e) => e.type === "payment.refunded")).toHaveLength(2);
  });

  it("an overpaid payment refunds up to what was received, not just the price", async () => {
    const wallet = await newMerchantWallet(chain);
    const setup = await openPaymentRequest(chain.settings, { usdcMicro: AMOUNT, createdAt: new Date(Date.now() - 60_000) }, { wallet: wallet.address });
    const paymentHash = await chain.transfer(setup.wallet, AMOUNT + 5_000_000n);
    await attachProof({ requestId: setup.request.id, txHash: paymentHash, source: "partner_api", scope: null });
    await until("overpayment verified", () => checkProofs({ workerId: "refund-test", chains: [chain.settings], partnerId: setup.partner.id }), () => db.proof.findFirst({ where: { requestId: setup.request.id, outcome: "verified" } }));
    const actor = { id: setup.merchant.id, email: null, role: "merchant" as const };
    const over = await refusal(createRefund({ requestId: setup.request.id, amountMicro: AMOUNT + 5_000_001n, initiatedBy: "merchant", merchantId: setup.merchant.id, actor }));
    expect(over).toMatchObject({ code: "refund_exceeds_received", extra: { refundable_usdc_micro: (AMOUNT + 5_000_000n).toString() } });
    const all = await createRefund({ requestId: setup.request.id, amountMicro: "remaining", initiatedBy: "merchant", merchantId: setup.merchant.id, actor });
    expect(all.amountMicro).toBe(AMOUNT + 5_000_000n);
  });

  it("a refund sent to another address is rejected as wrong_recipient, and no longer counts against the payment", async () => {
    const p = await paidRequest();
    const { refund } = await refundOnChain(p, AMOUNT, (w) => w.signTransfer(randomWallet(), AMOUNT));
    const done = await checkUntil(p, refund.id, "rejected");
    expect(done).toMatchObject({ rejectionReason: "wrong_recipient", activeTxHash: null });
    expect(await types(p.request.id)).not.toContain("payment.refunded");
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetType: "refund", targetId: refund.id, action: "refund.rejected" } });
    expect(audit.after).toMatchObject({ status: "rejected", rejection_reason: "wrong_recipient" });
    // Rejected: the whole amount is refundable again.
    expect((await createRefund({ requestId: p.request.id, amountMicro: AMOUNT, initiatedBy: "merchant", merchantId: p.merchantId, actor: p.actor })).status).toBe("awaiting_transfer");
  });

  it("a refund sent from another wallet than the one that was paid is rejected as wrong_sender", async () => {
    const p = await paidRequest();
    const refund = await createRefund({ requestId: p.request.id, amountMicro: AMOUNT, initiatedBy: "merchant", merchantId: p.merchantId, actor: p.actor });
    // anvil's funded account #2 (not the merchant's wallet) sends the right amount to the payer.
    const hash = await chain.transfer(refund.toAddress, AMOUNT, { from: chain.local.accounts[2] });
    await submitRefundTx(p.merchantId, refund.id, hash);
    expect(await checkUntil(p, refund.id, "rejected")).toMatchObject({ rejectionReason: "wrong_sender" });
  });

  it("a refund of the wrong amount is rejected as amount_mismatch; another token as wrong_token", async () => {
    const p = await paidRequest();
    const short = await refundOnChain(p, 10_000_000n, (w, t) => w.signTransfer(t.to, 9_999_999n));
    expect(await checkUntil(p, short.refund.id, "rejected")).toMatchObject({ rejectionReason: "amount_mismatch" });

    const otherToken = await chain.deployToken();
    // The merchant's wallet holds none of that token: give it some, then "refund" with it.
    await chain.transfer(p.merchantWallet.address, 10_000_000n, { token: otherToken });
    const wrong = await refundOnChain(p, 10_000_000n, (w, t) => w.signTransfer(t.to, 10_000_000n, otherToken));
    expect(await checkUntil(p, wrong.refund.id, "rejected")).toMatchObject({ rejectionReason: "wrong_token" });
  });

  it("a hash already used by a payment or by another refund is refused at submit", async () => {
    const p = await paidRequest();
    const a = await refundOnChain(p, 1_000_000n);
    const b = await createRefund({ requestId: p.request.id, amountMicro: 1_000_000n, initiatedBy: "merchant", merchantId: p.merchantId, actor: p.actor });
    expect(await refusal(submitRefundTx(p.merchantId, b.id, p.paymentHash))).toMatchObject({ code: "refund_tx_conflict", status: 409 });
    expect(await refusal(submitRefundTx(p.merchantId, b.id, a.hash))).toMatchObject({ code: "refund_tx_conflict", status: 409 });
    expect(await refusal(submitRefundTx(p.merchantId, b.id, "0x1234"))).toMatchObject({ code: "validation_error", details: [{ field: "tx_hash" }] });
    // The same hash again on its own refund is the same answer (a wallet callback and a retry).
    expect((await submitRefundTx(p.merchantId, a.refund.id, a.hash)).status).toBe("submitted");
    expect(await db.refund.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "awaiting_transfer", txHash: null });
  });

  it("a junk hash is rejected as not_found once it has been unknown for the give-up time, not kept submitted", async () => {
    const p = await paidRequest();
    const refund = await createRefund({ requestId: p.request.id, amountMicro: AMOUNT, initiatedBy: "merchant", merchantId: p.merchantId, actor: p.actor });
    await submitRefundTx(p.merchantId, refund.id, `0x${randomBytes(32).toString("hex")}`);
    await checkRefunds({ workerId: "refund-test", chains: [chain.settings], partnerId: p.partner.id });
    expect(await db.refund.findUniqueOrThrow({ where: { id: refund.id } })).toMatchObject({ status: "submitted", lastError: "receipt not found" });
    // Submitted long ago (as if the hour had passed), still unknown.
    await db.refund.update({ where: { id: refund.id }, data: { submittedAt: new Date(Date.now() - 61 * 60_000) } });
    expect(await checkUntil(p, refund.id, "rejected")).toMatchObject({ rejectionReason: "not_found", activeTxHash: null });
  });

  it("a reorg that removes the refund's block reverses it (payment.refund_reversed); re-mined, it is verified again", async () => {
    const p = await paidRequest();
    const refund = await createRefund({ requestId: p.request.id, amountMicro: 12_000_000n, initiatedBy: "merchant", merchantId: p.merchantId, actor: p.actor });
    const raw = await p.merchantWallet.sign(await prepareRefundTransfer(p.merchantId, refund.id));
    const snap = await chain.snapshot();
    const hash = await chain.sendRaw(raw);
    await submitRefundTx(p.merchantId, refund.id, hash);
    const verified = await checkUntil(p, refund.id);

    await chain.revert(snap); // the refund's block is gone
    await chain.mine(2);
    const reversed = await checkUntil(p, refund.id, "submitted");
    expect(reversed).toMatchObject({ txHash: hash, activeTxHash: hash, verifiedAt: null, blockNumber: null });
    expect(reversed.reversedAt).not.toBeNull();
    const back = await db.event.findFirstOrThrow({ where: { requestId: p.request.id, type: "payment.refund_reversed" } });
    expect((back.payload as { refund: { status: string }; data: { refunds: { status: string }[] } })).toMatchObject({ refund: { status: "submitted" }, data: { refunds: [{ status: "submitted" }] } });
    // Still counted: a reversed refund may come back, so its amount stays reserved.
    expect(await refusal(createRefund({ requestId: p.request.id, amountMicro: AMOUNT, initiatedBy: "merchant", merchantId: p.merchantId, actor: p.actor }))).toMatchObject({
      code: "refund_exceeds_received",
      extra: { refundable_usdc_micro: (AMOUNT - 12_000_000n).toString() },
    });

    expect(await chain.sendRaw(raw)).toBe(hash); // the same transaction, mined again
    const again = await checkUntil(p, refund.id);
    expect(again.blockHash).not.toBe(verified.blockHash);
    expect(await types(p.request.id)).toEqual(["payment.proof_attached", "payment.proof_verified", "payment.refunded", "payment.refund_reversed", "payment.refunded"]);
    const actions = (await db.auditLog.findMany({ where: { targetType: "refund", targetId: refund.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["refund.created", "refund.submitted", "refund.verified", "refund.reversed", "refund.verified"]);
  });

  it("a verified refund becomes final once its block is final, and is not checked again", async () => {
    const p = await paidRequest();
    const { refund } = await refundOnChain(p, 3_000_000n);
    await checkUntil(p, refund.id);
    await chain.mine(chain.settings.finalityDepth + 70);
    const final = await until(
      "finality",
      async () => {
        await db.refund.updateMany({ where: { id: refund.id }, data: { nextCheckAt: new Date(0) } });
        await checkRefunds({ workerId: "refund-test", chains: [chain.settings], partnerId: p.partner.id });
      },
      async () => (await db.refund.findUniqueOrThrow({ where: { id: refund.id } })).finalizedAt,
    );
    expect(final).toBeInstanceOf(Date);
    expect(await db.auditLog.count({ where: { targetType: "refund", targetId: refund.id, action: "refund.finalized" } })).toBe(1);
    await db.refund.updateMany({ where: { id: refund.id }, data: { nextCheckAt: new Date(0) } });
    expect(await checkRefunds({ workerId: "refund-test", chains: [chain.settings], partnerId: p.partner.id })).toBe(0);
  });

  it("the verification, its event and its audit entry are written by one transaction", async () => {
    const p = await paidRequest();
    const { refund } = await refundOnChain(p, 2_000_000n);
    await checkUntil(p, refund.id);
    // Rows written by one transaction carry its id as xmin (the refund row was last written by it too).
    const [ids] = await sql<{ refund: string; event: string; audit: string }>(
      `SELECT (SELECT xmin::text FROM refunds WHERE id = $1) AS refund,
              (SELECT xmin::text FROM events WHERE "requestId" = $2 AND type = 'payment.refunded') AS event,
              (SELECT xmin::text FROM audit_log WHERE "targetId" = $1::text AND action = 'refund.verified') AS audit`,
      [refund.id, p.request.id],
    );
    expect(ids.event).toBe(ids.refund);
    expect(ids.audit).toBe(ids.refund);
  });
});
