// The payment verdict (SPEC §6): a pure function over chain data we do not trust. Everything the
// RPC returns (receipt, logs, block time, head) is treated as attacker-influenced input: malformed
// logs are skipped, never thrown on, and only Transfer logs emitted by the request's USDC contract
// count. We read logs only — never tx.to or calldata — so payments made through contracts
// (forwarders, smart wallets, routers) verify exactly like direct transfers.
import { ADDRESS_RE, HASH_RE } from "@/lib/schemas/hex";

/** keccak256("Transfer(address,address,uint256)") */
export const TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

/** SPEC §6: a block may look up to 60 s older than the request (clock skew between us and the chain). */
export const CREATION_SKEW_MS = 60_000;

export interface RequestSnapshot {
  receivingWallet: string;
  usdcContract: string;
  chainId: number;
  usdcMicro: bigint;
  createdAt: Date;
  expiresAt: Date;
}

/** A log as an RPC returns it; every field is unchecked. */
export interface UntrustedLog {
  address?: unknown;
  topics?: unknown;
  data?: unknown;
  removed?: unknown;
  logIndex?: unknown;
}

export interface UntrustedReceipt {
  status?: unknown;
  blockNumber?: unknown;
  blockHash?: unknown;
  logs?: unknown;
}

export interface VerifyInput {
  request: RequestSnapshot;
  /** The chain the receipt was read from. */
  chainId: number;
  receipt: UntrustedReceipt;
  /** Unix seconds of the receipt's block. */
  blockTimestamp: bigint;
  headNumber: bigint;
  /** Required confirmations for this chain (head − block + 1). */
  confirmations: number;
}

export type RejectionReason =
  | "reverted"
  | "no_matching_transfer"
  | "wrong_token"
  | "wrong_recipient"
  | "underpaid"
  | "before_request"
  | "wrong_chain"
  /** The transfer belongs to another request (its payment reference, or its exact amount). */
  | "matches_other_request"
  /** The merchant's wallet paid itself: not a customer's payment. */
  | "self_transfer";

export type Verdict =
  | { kind: "verified"; receivedMicro: bigint; overpaidMicro: bigint; late: boolean; confirmations: number }
  | { kind: "rejected"; reason: RejectionReason; expectedMicro: bigint; receivedMicro: bigint }
  | { kind: "pending"; reason: "confirmations"; confirmations: number };

export interface ParsedTransfer {
  token: string;
  from: string;
  to: string;
  value: bigint;
}

const ADDRESS_TOPIC_RE = /^0x0{24}([0-9a-fA-F]{40})$/;

/**
 * An ERC-20 Transfer(address indexed, address indexed, uint256) log, or null when the log has any
 * other shape (ERC-721 Transfer has 4 topics and no data; a non-canonical address topic with dirty
 * high bytes is not something a real token emits).
 */
export function parseTransferLog(log: UntrustedLog): ParsedTransfer | null {
  if (typeof log !== "object" || log === null) return null;
  if (log.removed === true) return null;
  const { address, topics, data } = log;
  if (typeof address !== "string" || !ADDRESS_RE.test(address)) return null;
  if (!Array.isArray(topics) || topics.length !== 3) return null;
  if (!topics.every((t) => typeof t === "string" && HASH_RE.test(t))) return null;
  if ((topics[0] as string).toLowerCase() !== TRANSFER_TOPIC) return null;
  const from = ADDRESS_TOPIC_RE.exec(topics[1] as string);
  const to = ADDRESS_TOPIC_RE.exec(topics[2] as string);
  if (!from || !to) return null;
  if (typeof data !== "string" || !HASH_RE.test(data)) return null;
  return {
    token: address.toLowerCase(),
    from: `0x${from[1].toLowerCase()}`,
    to: `0x${to[1].toLowerCase()}`,
    value: BigInt(data),
  };
}

export function verifyTransfer(input: VerifyInput): Verdict {
  const { request, receipt } = input;
  const expectedMicro = request.usdcMicro;
  const reject = (reason: RejectionReason, receivedMicro = 0n): Verdict => ({ kind: "rejected", reason, expectedMicro, receivedMicro });

  // The chain is configuration, not chain data: a proof read from the wrong chain is never valid.
  if (input.chainId !== request.chainId) return reject("wrong_chain");

  // Wait for finality before any verdict, rejection included: until then a reorg can replace the
  // receipt (a reverted tx may be re-mined successfully, a block time may change).
  const blockNumber = typeof receipt.blockNumber === "bigint" ? receipt.blockNumber : null;
  const confirmations = blockNumber === null ? 0 : clampConfirmations(input.headNumber - blockNumber + 1n);
  if (blockNumber === null || confirmations < input.confirmations) {
    return { kind: "pending", reason: "confirmations", confirmations };
  }

  if (receipt.status !== "success") return reject("reverted");

  const wallet = request.receivingWallet.toLowerCase();
  const usdc = request.usdcContract.toLowerCase();
  const transfers = (Array.isArray(receipt.logs) ? (receipt.logs as UntrustedLog[]) : [])
    .map(parseTransferLog)
    .filter((t): t is ParsedTransfer => t !== null);

  const receivedMicro = receivedByWallet(transfers, usdc, wallet);
  if (receivedMicro === 0n) {
    // The wallet moving USDC to itself is not a customer's payment (SPEC §6: "from a sender other
    // than that wallet"), however much it moves.
    if (transfers.some((t) => t.token === usdc && t.to === wallet)) return reject("self_transfer");
    if (transfers.some((t) => t.to === wallet)) return reject("wrong_token");
    if (transfers.some((t) => t.token === usdc)) return reject("wrong_recipient");
    return reject("no_matching_transfer");
  }

  const blockTimeMs = Number(input.blockTimestamp) * 1000;
  if (blockTimeMs < request.createdAt.getTime() - CREATION_SKEW_MS) return reject("before_request", receivedMicro);
  if (receivedMicro < expectedMicro) return reject("underpaid", receivedMicro);

  return {
    kind: "verified",
    receivedMicro,
    overpaidMicro: receivedMicro - expectedMicro,
    late: blockTimeMs > request.expiresAt.getTime(),
    confirmations,
  };
}

/**
 * USDC the wallet received in one tx from senders other than itself. Every such transfer counts:
 * a payment split over several transfers (a router, a batching wallet) is still one payment.
 */
export function receivedByWallet(transfers: readonly ParsedTransfer[], usdc: string, wallet: string): bigint {
  let received = 0n;
  for (const t of transfers) if (credits(t, usdc, wallet)) received += t.value;
  return received;
}

const credits = (t: ParsedTransfer, usdc: string, wallet: string) => t.token === usdc && t.to === wallet && t.from !== wallet;

/** One Transfer log receivedByWallet counts, as a payment receipt names it (lib/receipts). */
export interface CreditedTransfer {
  /** The log's index in its block; null when the RPC's log has none usable. */
  logIndex: number | null;
  from: string;
  valueMicro: bigint;
}

/** The Transfer logs of a receipt that receivedByWallet counts, in log order (same rule, same code). */
export function creditedTransfers(logs: unknown, usdc: string, wallet: string): CreditedTransfer[] {
  if (!Array.isArray(logs)) return [];
  const out: CreditedTransfer[] = [];
  for (const log of logs as UntrustedLog[]) {
    const t = parseTransferLog(log);
    if (!t || !credits(t, usdc.toLowerCase(), wallet.toLowerCase())) continue;
    const i = log.logIndex;
    out.push({ logIndex: typeof i === "number" && Number.isSafeInteger(i) && i >= 0 ? i : null, from: t.from, valueMicro: t.value });
  }
  return out;
}

function clampConfirmations(n: bigint): number {
  if (n < 0n) return 0;
  return n > 1_000_000_000n ? 1_000_000_000 : Number(n);
}
