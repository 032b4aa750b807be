import { describe, expect, it } from "vitest";
import { CREATION_SKEW_MS, TRANSFER_TOPIC, type UntrustedLog } from "@/lib/payments/verify-transfer";
import { verifyRefundTransfer, type VerifyRefundInput } from "./verify-refund-transfer";

const USDC = "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913";
const OTHER_TOKEN = "0x1111111111111111111111111111111111111111";
const MERCHANT = "0xabcdefabcdefabcdefabcdefabcdefabcdefabcd";
const PAYER = "0x3333333333333333333333333333333333333333";
const STRANGER = "0x2222222222222222222222222222222222222222";
const CREATED = new Date("2026-04-17T17:00:00.000Z");
const AMOUNT = 10_000_000n;
const secs = (d: Date, offsetMs = 0) => BigInt(Math.floor((d.getTime() + offsetMs) / 1000));
const topicFor = (a: string) => `0x${"0".repeat(24)}${a.slice(2)}`;
const word = (v: bigint) => `0x${v.toString(16).padStart(64, "0")}`;

function transfer(value: bigint, opts: { token?: string; to?: string; from?: string } = {}): UntrustedLog {
  return { address: opts.token ?? USDC, topics: [TRANSFER_TOPIC, topicFor(opts.from ?? MERCHANT), topicFor(opts.to ?? PAYER)], data: word(value) };
}

function input(logs: unknown[], over: Partial<VerifyRefundInput> = {}, receiptOver: Record<string, unknown> = {}): VerifyRefundInput {
  return {
    refund: { chainId: 8453, usdcContract: USDC, fromWallet: MERCHANT, toAddress: PAYER, amountMicro: AMOUNT, createdAt: CREATED },
    chainId: 8453,
    receipt: { status: "success", blockNumber: 100n, blockHash: `0x${"ab".repeat(32)}`, logs, ...receiptOver },
    blockTimestamp: secs(CREATED, 60_000),
    headNumber: 109n,
    confirmations: 10,
    ...over,
  };
}

describe("verifyRefundTransfer", () => {
  it("verifies the exact amount from the paid wallet to the recipient, with its confirmations", () => {
    expect(verifyRefundTransfer(input([transfer(AMOUNT)]))).toEqual({ kind: "verified", sentMicro: AMOUNT, confirmations: 10 });
  });

  it("adds up every matching transfer of the tx (a batching wallet) and ignores unrelated logs", () => {
    const logs = [transfer(4_000_000n), transfer(6_000_000n), transfer(1n, { to: STRANGER, from: STRANGER }), { address: USDC, topics: [], data: "0x" }, null, "junk"];
    expect(verifyRefundTransfer(input(logs))).toMatchObject({ kind: "verified", sentMicro: AMOUNT });
  });

  it("waits for confirmations before any verdict, a rejection included", () => {
    expect(verifyRefundTransfer(input([transfer(AMOUNT)], { headNumber: 105n }))).toEqual({ kind: "pending", reason: "confirmations", confirmations: 6 });
    expect(verifyRefundTransfer(input([], { headNumber: 105n }, { status: "reverted" }))).toMatchObject({ kind: "pending" });
    expect(verifyRefundTransfer(input([transfer(AMOUNT)], {}, { blockNumber: "100" }))).toMatchObject({ kind: "pending", confirmations: 0 });
  });

  it.each([
    ["reverted", input([transfer(AMOUNT)], {}, { status: "reverted" })],
    ["wrong_recipient", input([transfer(AMOUNT, { to: STRANGER })])],
    ["wrong_sender", input([transfer(AMOUNT, { from: STRANGER })])],
    ["wrong_token", input([transfer(AMOUNT, { token: OTHER_TOKEN })])],
    ["wrong_token", input([])],
    ["amount_mismatch", input([transfer(AMOUNT - 1n)])],
    ["amount_mismatch", input([transfer(AMOUNT + 1n)])],
    ["before_refund", input([transfer(AMOUNT)], { blockTimestamp: secs(CREATED, -CREATION_SKEW_MS - 1_000) })],
    ["wrong_chain", input([transfer(AMOUNT)], { chainId: 1 })],
  ] as const)("rejects as %s", (reason, i) => {
    expect(verifyRefundTransfer(i)).toMatchObject({ kind: "rejected", reason });
  });

  it("accepts a block within the creation skew, and addresses in any case", () => {
    expect(verifyRefundTransfer(input([transfer(AMOUNT)], { blockTimestamp: secs(CREATED, -CREATION_SKEW_MS + 1_000) }))).toMatchObject({ kind: "verified" });
    const upper = input([transfer(AMOUNT)]);
    upper.refund = { ...upper.refund, fromWallet: MERCHANT.toUpperCase().replace("0X", "0x"), usdcContract: USDC.toUpperCase().replace("0X", "0x") };
    expect(verifyRefundTransfer(upper)).toMatchObject({ kind: "verified" });
  });

  it("never reads a removed log", () => {
    expect(verifyRefundTransfer(input([{ ...transfer(AMOUNT), removed: true }]))).toMatchObject({ kind: "rejected", reason: "wrong_token" });
  });
});
