// The refund verdict: a pure function over chain data we do not trust, in the style of
// lib/payments/verify-transfer.ts and with its parser — malformed logs are skipped, only Transfer
// logs emitted by the request's USDC contract count, and we read logs only (never tx.to or
// calldata), so a refund sent through a smart wallet verifies like a direct transfer.
//
// A refund is verified when its transaction moved exactly the refund's amount of USDC from the
// wallet that was paid to the refund's recipient (the sum of such transfers in the tx), in a block
// not older than the refund, with the chain's confirmations.
import { CREATION_SKEW_MS, parseTransferLog, type ParsedTransfer, type UntrustedLog, type UntrustedReceipt } from "@/lib/payments/verify-transfer";

export interface RefundSnapshot {
  chainId: number;
  usdcContract: string;
  /** The request's receiving wallet: the refund must come from it. */
  fromWallet: string;
  toAddress: string;
  amountMicro: bigint;
  createdAt: Date;
}

export interface VerifyRefundInput {
  refund: RefundSnapshot;
  /** The chain the receipt was read from. */
  chainId: number;
  receipt: UntrustedReceipt;
  /** Unix seconds of the receipt's block. */
  blockTimestamp: bigint;
  headNumber: bigint;
  /** Required confirmations for this chain (head − block + 1). */
  confirmations: number;
}

export type RefundRejectionReason =
  | "reverted"
  /** No USDC moved from the merchant's wallet to the recipient, and no USDC at all to or from either: another token, or no transfer. */
  | "wrong_token"
  /** USDC left the merchant's wallet, but not to the refund's recipient. */
  | "wrong_recipient"
  /** USDC reached the recipient, but not from the wallet that was paid. */
  | "wrong_sender"
  | "amount_mismatch"
  | "before_refund"
  | "wrong_chain";

export type RefundVerdict =
  | { kind: "verified"; sentMicro: bigint; confirmations: number }
  | { kind: "rejected"; reason: RefundRejectionReason; sentMicro: bigint }
  | { kind: "pending"; reason: "confirmations"; confirmations: number };

export function verifyRefundTransfer(input: VerifyRefundInput): RefundVerdict {
  const { refund, receipt } = input;
  const reject = (reason: RefundRejectionReason, sentMicro = 0n): RefundVerdict => ({ kind: "rejected", reason, sentMicro });

  if (input.chainId !== refund.chainId) return reject("wrong_chain");

  // No verdict before the confirmations, a rejection included: a reorg may still replace the receipt.
  const blockNumber = typeof receipt.blockNumber === "bigint" ? receipt.blockNumber : null;
  const confirmations = blockNumber === null ? 0 : clamp(input.headNumber - blockNumber + 1n);
  if (blockNumber === null || confirmations < input.confirmations) return { kind: "pending", reason: "confirmations", confirmations };

  if (receipt.status !== "success") return reject("reverted");

  const usdc = refund.usdcContract.toLowerCase();
  const from = refund.fromWallet.toLowerCase();
  const to = refund.toAddress.toLowerCase();
  const transfers = (Array.isArray(receipt.logs) ? (receipt.logs as UntrustedLog[]) : [])
    .map(parseTransferLog)
    .filter((t): t is ParsedTransfer => t !== null);

  let sentMicro = 0n;
  for (const t of transfers) if (t.token === usdc && t.from === from && t.to === to) sentMicro += t.value;
  if (sentMicro === 0n) {
    if (transfers.some((t) => t.token === usdc && t.from === from)) return reject("wrong_recipient");
    if (transfers.some((t) => t.token === usdc && t.to === to)) return reject("wrong_sender");
    return reject("wrong_token");
  }

  const blockTimeMs = Number(input.blockTimestamp) * 1000;
  if (blockTimeMs < refund.createdAt.getTime() - CREATION_SKEW_MS) return reject("before_refund", sentMicro);
  if (sentMicro !== refund.amountMicro) return reject("amount_mismatch", sentMicro);
  return { kind: "verified", sentMicro, confirmations };
}

function clamp(n: bigint): number {
  if (n < 0n) return 0;
  return n > 1_000_000_000n ? 1_000_000_000 : Number(n);
}
