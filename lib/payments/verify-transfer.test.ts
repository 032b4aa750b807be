import { keccak256, toHex } from "viem";
import { describe, expect, it } from "vitest";
import { CREATION_SKEW_MS, creditedTransfers, parseTransferLog, receivedByWallet, TRANSFER_TOPIC, verifyTransfer, type UntrustedLog, type VerifyInput } from "./verify-transfer";

const USDC = "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913";
const OTHER_TOKEN = "0x1111111111111111111111111111111111111111";
const WALLET = "0xabcdefabcdefabcdefabcdefabcdefabcdefabcd";
const OTHER_WALLET = "0x2222222222222222222222222222222222222222";
const PAYER = "0x3333333333333333333333333333333333333333";
const CREATED = new Date("2026-04-17T17:00:00.000Z");
const EXPIRES = new Date("2026-04-17T18:00:00.000Z");
const secs = (d: Date, offsetMs = 0) => BigInt(Math.floor((d.getTime() + offsetMs) / 1000));

const topicFor = (a: string) => `0x${"0".repeat(24)}${a.slice(2)}`;
const word = (v: bigint) => `0x${v.toString(16).padStart(64, "0")}`;

function transfer(value: bigint, opts: { token?: string; to?: string; from?: string } = {}): UntrustedLog {
  return {
    address: opts.token ?? USDC,
    topics: [TRANSFER_TOPIC, topicFor(opts.from ?? PAYER), topicFor(opts.to ?? WALLET)],
    data: word(value),
  };
}

function input(logs: unknown[], over: Partial<VerifyInput> = {}, receiptOver: Record<string, unknown> = {}): VerifyInput {
  return {
    request: { receivingWallet: WALLET, usdcContract: USDC, chainId: 8453, usdcMicro: 27_500_000n, createdAt: CREATED, expiresAt: EXPIRES },
    chainId: 8453,
    receipt: { status: "success", blockNumber: 100n, blockHash: `0x${"ab".repeat(32)}`, logs, ...receiptOver },
    blockTimestamp: secs(CREATED, 5 * 60_000),
    headNumber: 109n,
    confirmations: 10,
    ...over,
  };
}

describe("TRANSFER_TOPIC", () => {
  it("is keccak256 of the ERC-20 Transfer signature", () => {
    expect(keccak256(toHex("Transfer(address,address,uint256)"))).toBe(TRANSFER_TOPIC);
  });
});

describe("verifyTransfer", () => {
  it("verifies an exact payment with its confirmations", () => {
    expect(verifyTransfer(input([transfer(27_500_000n)]))).toEqual({
      kind: "verified", receivedMicro: 27_500_000n, overpaidMicro: 0n, late: false, confirmations: 10,
    });
  });

  it("records an overpayment", () => {
    const v = verifyTransfer(input([transfer(30_000_000n)]));
    expect(v).toMatchObject({ kind: "verified", receivedMicro: 30_000_000n, overpaidMicro: 2_500_000n });
  });

  it("refuses the wallet paying itself as self_transfer, and never counts it towards a payment", () => {
    expect(verifyTransfer(input([transfer(27_500_000n, { from: WALLET })]))).toMatchObject({ kind: "rejected", reason: "self_transfer" });
    // Half from the customer, half moved by the merchant to itself: an underpayment, not a payment.
    const v = verifyTransfer(input([transfer(13_750_000n), transfer(13_750_000n, { from: WALLET })]));
    expect(v).toMatchObject({ kind: "rejected", reason: "underpaid", receivedMicro: 13_750_000n });
  });

  it("sums several USDC transfers to the wallet in one tx", () => {
    const v = verifyTransfer(input([transfer(20_000_000n), transfer(7_500_000n)]));
    expect(v).toMatchObject({ kind: "verified", receivedMicro: 27_500_000n, overpaidMicro: 0n });
  });

  it("ignores transfers to other wallets and of other tokens when summing", () => {
    const v = verifyTransfer(input([
      transfer(20_000_000n),
      transfer(7_500_000n, { to: OTHER_WALLET }),
      transfer(7_500_000n, { token: OTHER_TOKEN }),
    ]));
    expect(v).toEqual({ kind: "rejected", reason: "underpaid", expectedMicro: 27_500_000n, receivedMicro: 20_000_000n });
  });

  it("rejects an underpayment with expected and received amounts", () => {
    expect(verifyTransfer(input([transfer(27_499_999n)]))).toEqual({
      kind: "rejected", reason: "underpaid", expectedMicro: 27_500_000n, receivedMicro: 27_499_999n,
    });
  });

  it("compares addresses case-insensitively (checksummed RPC output)", () => {
    const log = transfer(27_500_000n, { token: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", to: "0xABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCD" });
    const req = { ...input([]).request, receivingWallet: "0xAbCdEfabcdefabcdefabcdefabcdefabcdefabcd", usdcContract: USDC.toUpperCase().replace("0X", "0x") };
    expect(verifyTransfer({ ...input([log]), request: req }).kind).toBe("verified");
  });

  it("rejects the right amount of the wrong token as wrong_token", () => {
    expect(verifyTransfer(input([transfer(27_500_000n, { token: OTHER_TOKEN })]))).toMatchObject({ kind: "rejected", reason: "wrong_token", receivedMicro: 0n });
  });

  it("rejects USDC sent to another wallet as wrong_recipient", () => {
    expect(verifyTransfer(input([transfer(27_500_000n, { to: OTHER_WALLET })]))).toMatchObject({ kind: "rejected", reason: "wrong_recipient" });
  });

  it("rejects a tx without any Transfer log as no_matching_transfer", () => {
    expect(verifyTransfer(input([]))).toMatchObject({ kind: "rejected", reason: "no_matching_transfer", expectedMicro: 27_500_000n, receivedMicro: 0n });
  });

  it("rejects a reverted tx even if it carried logs", () => {
    expect(verifyTransfer(input([transfer(27_500_000n)], {}, { status: "reverted" }))).toMatchObject({ kind: "rejected", reason: "reverted" });
  });

  it("treats an unknown receipt status as reverted (fail closed)", () => {
    expect(verifyTransfer(input([transfer(27_500_000n)], {}, { status: "0x1" }))).toMatchObject({ kind: "rejected", reason: "reverted" });
  });

  it("waits with too few confirmations, reporting how many", () => {
    expect(verifyTransfer(input([transfer(27_500_000n)], { headNumber: 108n }))).toEqual({ kind: "pending", reason: "confirmations", confirmations: 9 });
  });

  it("waits rather than rejecting before enough confirmations", () => {
    expect(verifyTransfer(input([transfer(1n)], { headNumber: 100n })).kind).toBe("pending");
    expect(verifyTransfer(input([], { headNumber: 100n }, { status: "reverted" })).kind).toBe("pending");
  });

  it("counts the block itself as the first confirmation", () => {
    expect(verifyTransfer(input([transfer(27_500_000n)], { headNumber: 100n, confirmations: 1 }))).toMatchObject({ kind: "verified", confirmations: 1 });
  });

  it("waits when the head is behind the receipt's block (lagging RPC node)", () => {
    expect(verifyTransfer(input([transfer(27_500_000n)], { headNumber: 90n, confirmations: 1 }))).toEqual({ kind: "pending", reason: "confirmations", confirmations: 0 });
  });

  it("waits when the receipt has no block number", () => {
    expect(verifyTransfer(input([transfer(27_500_000n)], {}, { blockNumber: null })).kind).toBe("pending");
    expect(verifyTransfer(input([transfer(27_500_000n)], {}, { blockNumber: "100" })).kind).toBe("pending");
  });

  it("rejects a tx mined before the request (beyond the 60 s skew)", () => {
    const v = verifyTransfer(input([transfer(27_500_000n)], { blockTimestamp: secs(CREATED, -CREATION_SKEW_MS - 1000) }));
    expect(v).toEqual({ kind: "rejected", reason: "before_request", expectedMicro: 27_500_000n, receivedMicro: 27_500_000n });
  });

  it("accepts a block up to 60 s older than the request", () => {
    expect(verifyTransfer(input([transfer(27_500_000n)], { blockTimestamp: secs(CREATED, -CREATION_SKEW_MS) })).kind).toBe("verified");
  });

  it("verifies a payment mined after expiry as late", () => {
    expect(verifyTransfer(input([transfer(27_500_000n)], { blockTimestamp: secs(EXPIRES, 1000) }))).toMatchObject({ kind: "verified", late: true });
    expect(verifyTransfer(input([transfer(27_500_000n)], { blockTimestamp: secs(EXPIRES) }))).toMatchObject({ kind: "verified", late: false });
  });

  it("rejects a receipt read from another chain", () => {
    expect(verifyTransfer(input([transfer(27_500_000n)], { chainId: 1 }))).toMatchObject({ kind: "rejected", reason: "wrong_chain" });
  });

  it("does not count a Transfer-shaped log from a contract other than USDC (spoofed event)", () => {
    expect(verifyTransfer(input([transfer(27_500_000n, { token: PAYER })])).kind).toBe("rejected");
  });

  it("ignores a log with a non-Transfer topic0 (e.g. Approval)", () => {
    const approval = { ...transfer(27_500_000n), topics: [keccak256(toHex("Approval(address,address,uint256)")), topicFor(PAYER), topicFor(WALLET)] };
    expect(verifyTransfer(input([approval]))).toMatchObject({ kind: "rejected", reason: "no_matching_transfer" });
  });

  it("ignores logs flagged removed by the node", () => {
    expect(verifyTransfer(input([{ ...transfer(27_500_000n), removed: true }]))).toMatchObject({ kind: "rejected", reason: "no_matching_transfer" });
  });

  it("survives malformed receipts and logs without throwing", () => {
    const junk: unknown[] = [
      null, 42, "log", {}, { address: USDC }, { address: USDC, topics: "x", data: "0x" },
      { address: 5, topics: [TRANSFER_TOPIC, topicFor(PAYER), topicFor(WALLET)], data: word(1n) },
      { address: USDC, topics: [TRANSFER_TOPIC, topicFor(PAYER), topicFor(WALLET), word(1n)], data: "0x" }, // ERC-721 shape
      { address: USDC, topics: [TRANSFER_TOPIC, topicFor(PAYER)], data: word(27_500_000n) },
      { address: USDC, topics: [TRANSFER_TOPIC, topicFor(PAYER), `0x${"ff".repeat(12)}${WALLET.slice(2)}`], data: word(27_500_000n) }, // dirty address topic
      { address: USDC, topics: [TRANSFER_TOPIC, topicFor(PAYER), topicFor(WALLET)], data: `${word(27_500_000n)}00` }, // 33-byte data
      { address: USDC, topics: [TRANSFER_TOPIC, topicFor(PAYER), topicFor(WALLET)], data: "0xzz" },
      { address: USDC, topics: [TRANSFER_TOPIC, 7, topicFor(WALLET)], data: word(27_500_000n) },
    ];
    expect(verifyTransfer(input(junk))).toMatchObject({ kind: "rejected", reason: "no_matching_transfer" });
    expect(verifyTransfer(input([...junk, transfer(27_500_000n)])).kind).toBe("verified");
    expect(verifyTransfer(input([], {}, { logs: "nope" }))).toMatchObject({ kind: "rejected", reason: "no_matching_transfer" });
  });

  it("handles uint256 values far beyond Number precision", () => {
    const huge = 2n ** 255n;
    expect(verifyTransfer(input([transfer(huge)]))).toMatchObject({ kind: "verified", receivedMicro: huge, overpaidMicro: huge - 27_500_000n });
  });
});

describe("parseTransferLog", () => {
  it("lower-cases token and addresses", () => {
    const t = parseTransferLog(transfer(5n, { token: USDC.toUpperCase().replace("0X", "0x"), to: "0xABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCD" }));
    expect(t).toEqual({ token: USDC, from: PAYER, to: WALLET, value: 5n });
  });
});

describe("creditedTransfers (what a receipt names)", () => {
  it("lists exactly the logs receivedByWallet counts, with their log index, in log order", () => {
    const logs = [
      { ...transfer(10_000_000n), logIndex: 3 },
      { ...transfer(5n, { token: OTHER_TOKEN }), logIndex: 4 },
      { ...transfer(7n, { to: OTHER_WALLET }), logIndex: 5 },
      { ...transfer(9n, { from: WALLET }), logIndex: 6 }, // the wallet paying itself counts for nobody
      { ...transfer(17_500_000n, { from: OTHER_WALLET }), logIndex: 9 },
      { ...transfer(1n), logIndex: -1 }, // a log index no RPC sends: kept, index unknown
    ];
    const credited = creditedTransfers(logs, USDC.toUpperCase().replace("0X", "0x"), WALLET);
    expect(credited).toEqual([
      { logIndex: 3, from: PAYER, valueMicro: 10_000_000n },
      { logIndex: 9, from: OTHER_WALLET, valueMicro: 17_500_000n },
      { logIndex: null, from: PAYER, valueMicro: 1n },
    ]);
    const parsed = logs.map(parseTransferLog).filter((t) => t !== null);
    expect(credited.reduce((a, t) => a + t.valueMicro, 0n)).toBe(receivedByWallet(parsed, USDC, WALLET));
    expect(creditedTransfers("not logs", USDC, WALLET)).toEqual([]);
  });
});
