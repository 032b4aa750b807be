// The verification loop (SPEC §3, §6): claim pending proofs that are due, read the chain outside
// any transaction, then apply the verdict in one short transaction with its event.
//
// Claims use FOR UPDATE SKIP LOCKED plus a lease with a per-claim token, so any number of workers
// run side by side and a killed worker's proofs are picked up once its lease expires. RPC errors
// and missing receipts do not reject: the proof stays attached and is re-checked with backoff —
// for a day. A hash the chain has not heard of after UNKNOWN_HASH_GIVE_UP_MS (while the RPC kept
// answering) is a typo or junk, not a payment in flight: it is rejected as `not_found` and its slot
// is freed. Until then it does not keep its request open: a request whose pending proofs were never
// seen on chain expires on time (lib/requests/expire-requests.ts; receiptSeenAt says which were).
//
// Before a transfer is credited, the attribution rules (./attribution) decide whose it is: a proof
// for a request it does not belong to is rejected as `matches_other_request` and the transfer
// moves to its owner (./reattribute). Once verified, a payment is re-checked until final
// (./check-finality).
import { randomBytes } from "node:crypto";
import { BlockNotFoundError, TransactionReceiptNotFoundError, type Hash } from "viem";
import { publicClientFor } from "@/lib/chains/clients";
import type { ChainSettings } from "@/lib/chains/config";
import { chainForMode, configuredChains } from "@/lib/chains/for-mode";
import { config } from "@/lib/config";
import { db, Prisma } from "@/lib/db";
import { withinBudget } from "@/lib/deadline";
import { log } from "@/lib/log";
import { ownerOf, referencedRequestIds } from "./attribution";
import { reattribute } from "./reattribute";
import { settleProof, type BlockFacts, type FinalVerdict } from "./settle-proof";
import { creditedTransfers, verifyTransfer, type RequestSnapshot, type UntrustedReceipt } from "./verify-transfer";
import type { Loop } from "@/lib/loop";

export interface CheckProofsOptions {
  workerId: string;
  /** Chains to verify on; default: the configured live and test chains. */
  chains?: ChainSettings[];
  batchSize?: number;
  leaseMs?: number;
  /** Re-check interval while a receipt waits for confirmations. */
  confirmationPollMs?: number;
  /** Restrict to one partner's proofs (tests, operator re-checks). */
  partnerId?: string;
  /** How long one proof's chain reads may take before it is rescheduled (default 20 s). */
  readDeadlineMs?: number;
}

// Short, and renewed while the pass runs (every third of it): a worker that dies leaves its proofs
// to another within seconds, while a live one keeps them however long its chain reads take.
const DEFAULT_LEASE_MS = 10_000;
// One proof's reads (receipt, block, head; viem: 10 s × 3 tries each) could hold the whole batch:
// it is claimed together and settled with Promise.all. Past this deadline the proof is rescheduled
// like any RPC error, so a pass ends in bounded time whatever one RPC does.
export const DEFAULT_READ_DEADLINE_MS = 20_000;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 60_000;
/**
 * How long a hash may stay unknown to the chain (counted from its attach, or from the reorg that
 * removed it) before it is rejected as `not_found`. A broadcast tx is mined in seconds to minutes;
 * an hour leaves room for a congested chain without parking junk for long.
 */
export const UNKNOWN_HASH_GIVE_UP_MS = 60 * 60_000;
/** A proof on a chain no mode uses any more waits this long before it is rejected as wrong_chain. */
export const UNCONFIGURED_CHAIN_GIVE_UP_MS = 24 * 60 * 60_000;

/** 0.5 s, 1 s, 2 s, 4 s … capped at 60 s. */
export function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, Math.min(attempt - 1, 20)));
}

/**
 * When to look again for a receipt the chain does not have yet, by how long the hash has been
 * unknown (not by how often it was checked: confirmation polls count as checks too): a tenth of
 * that age, 0.5 s to 60 s — fast while a just-sent tx is reaching the chain, rare for junk.
 */
export function missingReceiptDelayMs(unknownForMs: number): number {
  return Math.min(BACKOFF_MAX_MS, Math.max(BACKOFF_FIRST_MS, Math.round(unknownForMs / 10)));
}

/**
 * After an RPC error: 0.5 s, 1 s, 2 s, then every 4 s (±25%), however long the outage — so proofs
 * resume within seconds of the node answering again, and a fleet of proofs does not retry in step.
 */
export const RPC_ERROR_RETRY_MAX_MS = 4_000;
export function rpcErrorDelayMs(attempt: number, random = Math.random): number {
  const base = Math.min(RPC_ERROR_RETRY_MAX_MS, backoffMs(attempt));
  return Math.round(base * (0.75 + random() * 0.5));
}

interface ClaimedProof {
  id: string;
  requestId: string;
  chainId: number;
  txHash: string;
  checkAttempts: number;
  createdAt: Date;
  receiptSeenAt: Date | null;
  reversedAt: Date | null;
  request: RequestSnapshot & { testMode: boolean };
}

/** One pass: returns how many proofs it checked. */
export async function checkProofs(opts: CheckProofsOptions): Promise<number> {
  const chains = opts.chains ?? configuredChains();
  if (chains.length === 0) return 0;
  const token = `${opts.workerId}:${randomBytes(6).toString("hex")}`;
  const claimed = await claim(token, chains.map((c) => c.chainId), opts);
  if (claimed.length === 0) return 0;
  const byChain = new Map(chains.map((c) => [c.chainId, c]));
  // SPEC §6: the proof must be on the chain of the request's mode. With explicit chains (tests,
  // tooling) the caller has chosen; otherwise it is the mode's configured chain, so a request
  // snapshotted on a chain its mode no longer uses is rejected as wrong_chain, never read from
  // the other mode's chain.
  const chainOf = (p: ClaimedProof) => (opts.chains ? byChain.get(p.chainId)! : chainForMode(p.request.testMode ? "test" : "live"));
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const renew = setInterval(() => {
    db.proof
      .updateMany({ where: { leaseOwner: token, outcome: "pending" }, data: { leaseUntil: new Date(Date.now() + leaseMs) } })
      .catch(() => {}); // a renewal that fails lets the lease run out: another worker takes over
  }, Math.max(100, Math.floor(leaseMs / 3)));
  try {
    await Promise.all(claimed.map((p) => checkOne(p, chainOf(p), token, opts)));
  } finally {
    clearInterval(renew);
  }
  return claimed.length;
}

async function claim(token: string, chainIds: number[], opts: CheckProofsOptions): Promise<ClaimedProof[]> {
  const now = new Date();
  const leaseUntil = new Date(now.getTime() + (opts.leaseMs ?? DEFAULT_LEASE_MS));
  const partnerFilter = opts.partnerId ? Prisma.sql`AND r."partnerId" = ${opts.partnerId}::uuid` : Prisma.empty;
  // Proofs on the chains we verify on. Without explicit chains (tests, tooling) also proofs a day old
  // on a chain no mode uses any more: left unclaimed, their requests would stay attached and never
  // expire; claimed, they are rejected as wrong_chain below. Only after a day, so that a chain
  // setting wrong for a while (a bad deploy) leaves the proofs waiting instead of rejecting them.
  const giveUpBefore = new Date(now.getTime() - UNCONFIGURED_CHAIN_GIVE_UP_MS);
  const chainFilter = opts.chains
    ? Prisma.sql`AND pr."chainId" = ANY(${chainIds}::int[])`
    : Prisma.sql`AND (pr."chainId" = ANY(${chainIds}::int[]) OR pr."createdAt" < ${giveUpBefore})`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE proofs p
    SET "leaseOwner" = ${token}, "leaseUntil" = ${leaseUntil}, "checkAttempts" = p."checkAttempts" + 1
    FROM (
      SELECT pr.id FROM proofs pr JOIN payment_requests r ON r.id = pr."requestId"
      WHERE pr.outcome = 'pending' AND pr.simulated = false AND pr."nextCheckAt" <= ${now}
        AND (pr."leaseUntil" IS NULL OR pr."leaseUntil" < ${now})
        ${chainFilter} ${partnerFilter}
      ORDER BY pr."nextCheckAt"
      LIMIT ${opts.batchSize ?? 20}
      FOR UPDATE OF pr SKIP LOCKED
    ) c
    WHERE p.id = c.id
    RETURNING p.id`;
  if (rows.length === 0) return [];
  return db.proof.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    select: {
      id: true, requestId: true, chainId: true, txHash: true, checkAttempts: true, createdAt: true, receiptSeenAt: true, reversedAt: true,
      request: { select: { receivingWallet: true, usdcContract: true, chainId: true, usdcMicro: true, createdAt: true, expiresAt: true, testMode: true } },
    },
  });
}

export type ChainRead =
  | { kind: "found"; receipt: UntrustedReceipt & { blockNumber: bigint; blockHash: string }; blockTimestamp: bigint; head: bigint }
  | { kind: "missing" }
  | { kind: "error"; message: string };

/** Receipt, its block's time and the head — outside any DB transaction (they can take seconds). */
export async function readChain(chain: ChainSettings, txHash: string): Promise<ChainRead> {
  const client = publicClientFor(chain);
  try {
    const receipt = await client.getTransactionReceipt({ hash: txHash as Hash });
    const [block, head] = await Promise.all([
      client.getBlock({ blockHash: receipt.blockHash }),
      client.getBlockNumber({ cacheTime: 0 }),
    ]);
    // The receipt's block was replaced between our two reads: a reorg in progress.
    if (block.number !== receipt.blockNumber) return { kind: "missing" };
    return { kind: "found", receipt, blockTimestamp: block.timestamp, head };
  } catch (err) {
    if (err instanceof TransactionReceiptNotFoundError || err instanceof BlockNotFoundError) return { kind: "missing" };
    return { kind: "error", message: err instanceof Error ? err.message.split("\n")[0].slice(0, 300) : String(err) };
  }
}

/** A chain read that answers "error" once `ms` have passed, so one hanging RPC cannot hold a batch. */
export function withDeadline(read: Promise<ChainRead>, ms: number): Promise<ChainRead> {
  // readChain never rejects (an RPC failure is a "error" read), so a rejection is the budget.
  return withinBudget(read, ms).catch((): ChainRead => ({ kind: "error", message: `chain reads took over ${ms} ms` }));
}

async function checkOne(p: ClaimedProof, chain: ChainSettings, token: string, opts: CheckProofsOptions) {
  if (chain.chainId !== p.request.chainId) {
    await settle(p, { kind: "rejected", reason: "wrong_chain", receivedMicro: 0n, block: null }, token);
    return;
  }
  const read = await withDeadline(readChain(chain, p.txHash), opts.readDeadlineMs ?? DEFAULT_READ_DEADLINE_MS);
  const unknownSince = Math.max(p.createdAt.getTime(), p.reversedAt?.getTime() ?? 0);
  if (read.kind === "missing" && Date.now() - unknownSince >= UNKNOWN_HASH_GIVE_UP_MS) {
    await settle(p, { kind: "rejected", reason: "not_found", receivedMicro: 0n, block: null }, token);
    return;
  }
  if (read.kind !== "found") {
    // Short of a day, a missing receipt or an RPC error never rejects (SPEC §6); a receipt that
    // vanished in a reorg lands here too and simply waits again.
    const delay = read.kind === "error" ? rpcErrorDelayMs(p.checkAttempts) : missingReceiptDelayMs(Date.now() - unknownSince);
    await reschedule(p, token, delay, read.kind === "error" ? read.message : "receipt not found", null);
    return;
  }
  if (!p.receiptSeenAt) {
    // Seen on chain: from now on a real payment may be in flight, and the request waits for it.
    await db.proof.updateMany({ where: { id: p.id, receiptSeenAt: null }, data: { receiptSeenAt: new Date() } });
  }
  const verdict = verifyTransfer({
    request: p.request,
    chainId: chain.chainId,
    receipt: read.receipt,
    blockTimestamp: read.blockTimestamp,
    headNumber: read.head,
    confirmations: chain.confirmations,
  });
  if (verdict.kind === "pending") {
    await reschedule(p, token, opts.confirmationPollMs ?? 500, null, verdict.confirmations);
    return;
  }
  const block: BlockFacts = {
    blockNumber: read.receipt.blockNumber,
    blockHash: read.receipt.blockHash,
    blockTime: new Date(Number(read.blockTimestamp) * 1000),
    confirmations: verdict.kind === "verified" ? verdict.confirmations : Number(read.head - read.receipt.blockNumber + 1n),
  };
  // A transfer that reached the wallet is credited only if it is this request's (SPEC §6 "Attribution").
  if (verdict.kind === "verified" || (verdict.kind === "rejected" && ATTRIBUTABLE.has(verdict.reason))) {
    const owner = await ownerOf({
      requestId: p.requestId,
      chainId: p.request.chainId,
      usdcContract: p.request.usdcContract,
      receivingWallet: p.request.receivingWallet,
      receivedMicro: verdict.receivedMicro,
      minedAtMs: block.blockTime.getTime(),
      references: referencedRequestIds(read.receipt.logs, p.request.usdcContract),
    });
    if (owner.kind === "other") {
      const moved = await db.$transaction((tx) => reattribute(tx, { proof: p, ownerId: owner.requestId, receivedMicro: verdict.receivedMicro, block, leaseToken: token }));
      if (!moved) log.warn("proof lease lost before settling; left to its new owner", { proofId: p.id });
      else log.info("transfer belongs to another request; moved there", { proofId: p.id, requestId: p.requestId, ownerId: owner.requestId });
      return;
    }
  }
  await settle(p, verdict.kind === "verified"
    ? {
        kind: "verified",
        receivedMicro: verdict.receivedMicro,
        overpaidMicro: verdict.overpaidMicro,
        late: verdict.late,
        block,
        transfers: creditedTransfers(read.receipt.logs, p.request.usdcContract, p.request.receivingWallet),
      }
    : { kind: "rejected", reason: verdict.reason, receivedMicro: verdict.receivedMicro, block }, token);
}

/** Rejections of a transfer that did reach the wallet: it may still be another request's payment. */
const ATTRIBUTABLE = new Set<string>(["underpaid", "before_request"]);

async function settle(p: ClaimedProof, verdict: FinalVerdict, token: string) {
  const settled = await db.$transaction((tx) => settleProof(tx, p, verdict, token));
  if (!settled) log.warn("proof lease lost before settling; left to its new owner", { proofId: p.id });
}

async function reschedule(p: ClaimedProof, token: string, delayMs: number, lastError: string | null, confirmations: number | null) {
  await db.proof.updateMany({
    where: { id: p.id, outcome: "pending", leaseOwner: token },
    data: {
      nextCheckAt: new Date(Date.now() + delayMs),
      leaseOwner: null,
      leaseUntil: null,
      lastError,
      confirmations,
    },
  });
}

/** The worker loop: idles WORKER_POLL_MS between empty passes (a busy pass runs again at once). */
export function proofCheckLoop(opts: Partial<Omit<CheckProofsOptions, "workerId">> = {}): Loop {
  return {
    name: "proof-check",
    intervalMs: config().WORKER_POLL_MS,
    run: (ctx) => checkProofs({ ...opts, workerId: ctx.workerId }),
  };
}
