// Finality (SPEC §6): a verified payment is re-checked until its block is final — the RPC's
// `finalized` block tag where it has one, else the chain's finality depth. Verification waits for
// the confirmation count, which makes a reorg unlikely, not impossible; at low counts (or on a
// chain that reorgs deeper than its count) the payment may vanish after `payment.proof_verified`.
//
// Each check reads the receipt again, outside any transaction:
//  - same block hash, block final         → finalizedAt is set; no more checks.
//  - same block hash, not final yet       → checked again later.
//  - mined in another block               → reversed: the chain that verified it is gone; the
//                                           re-mined tx is verified afresh (confirmations, rules).
//  - no receipt, and the block we verified it in is no longer the chain's block at that height
//                                         → reversed (./reverse-payment).
//  - no receipt, but that block still is  → an RPC node behind the others: checked again later.
// Claims use leases like the verification loop, so any number of workers share the work.
import { randomBytes } from "node:crypto";
import { BlockNotFoundError, type Hash } from "viem";
import { publicClientFor } from "@/lib/chains/clients";
import type { ChainSettings } from "@/lib/chains/config";
import { configuredChains } from "@/lib/chains/for-mode";
import { config } from "@/lib/config";
import { db, Prisma } from "@/lib/db";
import { log } from "@/lib/log";
import type { Loop } from "@/lib/loop";
import { DEFAULT_READ_DEADLINE_MS, readChain, rpcErrorDelayMs, withDeadline } from "./check-proofs";
import { reversePayment, type ReversalCause } from "./reverse-payment";

export interface CheckFinalityOptions {
  workerId: string;
  chains?: ChainSettings[];
  batchSize?: number;
  leaseMs?: number;
  /** Shortest re-check interval while a verified payment is not final yet (default 15 s; grows with its age up to 5 min). */
  pollMs?: number;
  /** Restrict to one partner's proofs (tests). */
  partnerId?: string;
}

const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_POLL_MS = 15_000;
// Reorgs happen near the head: checks are frequent in a payment's first minutes and thin out as it
// ages (the next check comes after as long again as it has been verified, from 15 s up to 5 min),
// so a chain that takes 20 minutes to finalise costs about a dozen checks per payment, not eighty.
const MAX_POLL_MS = 5 * 60_000;

/** Delay before the next check of a payment verified `ageMs` ago that is not final yet. */
export function finalityPollMs(ageMs: number, firstMs = DEFAULT_POLL_MS): number {
  return Math.min(MAX_POLL_MS, Math.max(firstMs, ageMs));
}

interface ClaimedProof {
  id: string;
  requestId: string;
  chainId: number;
  txHash: string;
  blockNumber: bigint | null;
  blockHash: string | null;
  checkAttempts: number;
  verifiedAt: Date | null;
}

/** One pass: returns how many verified payments it checked. */
export async function checkFinality(opts: CheckFinalityOptions): Promise<number> {
  const chains = opts.chains ?? configuredChains();
  if (chains.length === 0) return 0;
  const token = `${opts.workerId}:${randomBytes(6).toString("hex")}`;
  const claimed = await claim(token, chains.map((c) => c.chainId), opts);
  const byChain = new Map(chains.map((c) => [c.chainId, c]));
  await Promise.all(claimed.map((p) => checkOne(p, byChain.get(p.chainId)!, token, opts)));
  return claimed.length;
}

async function claim(token: string, chainIds: number[], opts: CheckFinalityOptions): Promise<ClaimedProof[]> {
  const now = new Date();
  const leaseUntil = new Date(now.getTime() + (opts.leaseMs ?? DEFAULT_LEASE_MS));
  const partnerFilter = opts.partnerId
    ? Prisma.sql`AND pr."requestId" IN (SELECT id FROM payment_requests WHERE "partnerId" = ${opts.partnerId}::uuid)`
    : Prisma.empty;
  // Simulated proofs never touch a chain; they are final when settled (settle-proof).
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE proofs p
    SET "leaseOwner" = ${token}, "leaseUntil" = ${leaseUntil}, "checkAttempts" = p."checkAttempts" + 1
    FROM (
      SELECT pr.id FROM proofs pr
      WHERE pr.outcome = 'verified' AND pr."finalizedAt" IS NULL AND pr.simulated = false AND pr."nextCheckAt" <= ${now}
        AND (pr."leaseUntil" IS NULL OR pr."leaseUntil" < ${now})
        AND pr."chainId" = ANY(${chainIds}::int[]) ${partnerFilter}
      ORDER BY pr."nextCheckAt"
      LIMIT ${opts.batchSize ?? 20}
      FOR UPDATE OF pr SKIP LOCKED
    ) c
    WHERE p.id = c.id
    RETURNING p.id`;
  if (rows.length === 0) return [];
  return db.proof.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    select: { id: true, requestId: true, chainId: true, txHash: true, blockNumber: true, blockHash: true, checkAttempts: true, verifiedAt: true },
  });
}

/** The newest final block: the RPC's `finalized` tag, or head − (finality depth − 1) where it has none. */
export async function finalizedBlockNumber(chain: ChainSettings, head: bigint): Promise<bigint> {
  const byDepth = head - BigInt(chain.finalityDepth - 1);
  try {
    const block = await publicClientFor(chain).getBlock({ blockTag: "finalized" });
    // A node cannot have finalised past its own head; a lagging one is no reason to trust less.
    if (block.number !== null && block.number <= head) return block.number;
  } catch {
    // No `finalized` tag on this RPC (older nodes, some L2 providers): the depth rule.
  }
  return byDepth;
}

/** The hash of the chain's block at `number` now, or null when it has none (the chain is shorter). */
async function canonicalHash(chain: ChainSettings, number: bigint): Promise<string | null> {
  try {
    return (await publicClientFor(chain).getBlock({ blockNumber: number })).hash?.toLowerCase() ?? null;
  } catch (err) {
    if (err instanceof BlockNotFoundError) return null;
    throw err;
  }
}

export type FinalityDecision = { kind: "final"; confirmations: number } | { kind: "wait"; error: string | null } | { kind: "reverse"; cause: ReversalCause };
type Decision = FinalityDecision;

/** The finality rule for any verified transfer (payments here, refunds in lib/refunds/check-refunds.ts). */
export async function decideFinality(p: Pick<ClaimedProof, "txHash" | "blockNumber" | "blockHash">, chain: ChainSettings): Promise<Decision> {
  if (p.blockNumber === null || p.blockHash === null) return { kind: "reverse", cause: "receipt_gone" };
  const read = await withDeadline(readChain(chain, p.txHash as Hash), DEFAULT_READ_DEADLINE_MS);
  if (read.kind === "error") return { kind: "wait", error: read.message };
  if (read.kind === "found") {
    if (read.receipt.blockHash.toLowerCase() !== p.blockHash.toLowerCase()) return { kind: "reverse", cause: "block_replaced" };
    const finalized = await finalizedBlockNumber(chain, read.head);
    if (p.blockNumber <= finalized) return { kind: "final", confirmations: Number(read.head - p.blockNumber + 1n) };
    return { kind: "wait", error: null };
  }
  const hash = await canonicalHash(chain, p.blockNumber);
  if (hash === p.blockHash.toLowerCase()) return { kind: "wait", error: "receipt missing but its block is still canonical (RPC behind?)" };
  return { kind: "reverse", cause: "receipt_gone" };
}

async function checkOne(p: ClaimedProof, chain: ChainSettings, token: string, opts: CheckFinalityOptions) {
  let d: Decision;
  try {
    d = await decideFinality(p, chain);
  } catch (err) {
    d = { kind: "wait", error: err instanceof Error ? err.message.split("\n")[0].slice(0, 300) : String(err) };
  }
  const mine = { id: p.id, outcome: "verified" as const, finalizedAt: null, leaseOwner: token };
  const release = { leaseOwner: null, leaseUntil: null };
  if (d.kind === "final") {
    await db.proof.updateMany({ where: mine, data: { ...release, finalizedAt: new Date(), confirmations: d.confirmations, lastError: null, checkAttempts: 0 } });
    return;
  }
  if (d.kind === "wait") {
    // checkAttempts counts every claim, routine polls included: an RPC error retries on the
    // outage schedule (≤ 4 s), not on one grown by the polls before it (the 60 s cap would leave a
    // reorg unseen for a minute after the node is back).
    const delay = d.error ? rpcErrorDelayMs(p.checkAttempts) : finalityPollMs(Date.now() - (p.verifiedAt?.getTime() ?? Date.now()), opts.pollMs);
    await db.proof.updateMany({ where: mine, data: { ...release, nextCheckAt: new Date(Date.now() + delay), lastError: d.error } });
    return;
  }
  const reversed = await db.$transaction((tx) => reversePayment(tx, p, d.cause, token));
  if (reversed) log.warn("verified payment removed by a reorg; reversed", { proofId: p.id, requestId: p.requestId, txHash: p.txHash, cause: d.cause });
}

/** The worker loop: idles WORKER_POLL_MS between empty passes. */
export function finalityCheckLoop(opts: Partial<Omit<CheckFinalityOptions, "workerId">> = {}): Loop {
  return {
    name: "finality-check",
    intervalMs: config().WORKER_POLL_MS,
    run: (ctx) => checkFinality({ ...opts, workerId: ctx.workerId }),
  };
}
