// The refund checker (worker loop "refund-check"): claims submitted refunds that are due and
// verified ones whose block is not final yet, reads the chain outside any transaction with the
// payments' helpers (lib/payments/check-proofs.ts readChain/withDeadline, lib/payments/
// check-finality.ts decideFinality), then applies the outcome in one short transaction with its
// event and audit entry (./settle-refund.ts, ./reverse-refund.ts).
//
// Same rules as payments: claims use FOR UPDATE SKIP LOCKED plus a lease with a per-claim token;
// an RPC error or a receipt not found yet never rejects — short of UNKNOWN_HASH_GIVE_UP_MS, after
// which a hash the chain never heard of is rejected as not_found ("no griefing": a junk hash does
// not stay submitted, holding part of the refundable amount, for ever).
import { randomBytes } from "node:crypto";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import type { ChainSettings } from "@/lib/chains/config";
import { chainForMode, configuredChains } from "@/lib/chains/for-mode";
import { config } from "@/lib/config";
import { db, Prisma } from "@/lib/db";
import { log } from "@/lib/log";
import { decideFinality, finalityPollMs, type FinalityDecision } from "@/lib/payments/check-finality";
import { DEFAULT_READ_DEADLINE_MS, missingReceiptDelayMs, readChain, rpcErrorDelayMs, UNKNOWN_HASH_GIVE_UP_MS, withDeadline } from "@/lib/payments/check-proofs";
import type { Loop } from "@/lib/loop";
import { recordRefundAudit } from "./record-refund-audit";
import { reverseRefund } from "./reverse-refund";
import { settleRefund, type RefundFinalVerdict } from "./settle-refund";
import { verifyRefundTransfer } from "./verify-refund-transfer";

export interface CheckRefundsOptions {
  workerId: string;
  /** Chains to check on; default: each refund's mode's configured chain. */
  chains?: ChainSettings[];
  batchSize?: number;
  leaseMs?: number;
  /** Re-check interval while a receipt waits for confirmations. */
  confirmationPollMs?: number;
  /** Shortest re-check interval of a verified refund not final yet (default 15 s, as payments). */
  finalityPollMs?: number;
  /** Restrict to one partner's refunds (tests, operator re-checks). */
  partnerId?: string;
  readDeadlineMs?: number;
}

const DEFAULT_LEASE_MS = 30_000;

interface ClaimedRefund {
  id: string;
  requestId: string;
  status: "submitted" | "verified";
  testMode: boolean;
  chainId: number;
  usdcContract: string;
  fromWallet: string;
  toAddress: string;
  amountMicro: bigint;
  txHash: string | null;
  blockNumber: bigint | null;
  blockHash: string | null;
  checkAttempts: number;
  createdAt: Date;
  submittedAt: Date | null;
  reversedAt: Date | null;
  verifiedAt: Date | null;
}

/** One pass: returns how many refunds it checked. */
export async function checkRefunds(opts: CheckRefundsOptions): Promise<number> {
  const chains = opts.chains ?? configuredChains();
  if (chains.length === 0) return 0;
  const token = `${opts.workerId}:${randomBytes(6).toString("hex")}`;
  const claimed = await claim(token, chains.map((c) => c.chainId), opts);
  if (claimed.length === 0) return 0;
  const byChain = new Map(chains.map((c) => [c.chainId, c]));
  // As for payments: the refund must be on its mode's chain; with explicit chains the caller chose.
  const chainOf = (r: ClaimedRefund) => (opts.chains ? byChain.get(r.chainId)! : chainForMode(r.testMode ? "test" : "live"));
  await Promise.all(
    claimed.map(async (r) => {
      try {
        await (r.status === "submitted" ? verifyOne(r, chainOf(r), token, opts) : finalizeOne(r, chainOf(r), token, opts));
      } catch (err) {
        // One refund's failure (a database blip) must not cost the others their turn; its lease runs out.
        log.warn("refund check failed", { refundId: r.id, error: err instanceof Error ? err.message : String(err) });
      }
    }),
  );
  return claimed.length;
}

async function claim(token: string, chainIds: number[], opts: CheckRefundsOptions): Promise<ClaimedRefund[]> {
  const now = new Date();
  const leaseUntil = new Date(now.getTime() + (opts.leaseMs ?? DEFAULT_LEASE_MS));
  const partnerFilter = opts.partnerId ? Prisma.sql`AND rf."partnerId" = ${opts.partnerId}::uuid` : Prisma.empty;
  // Simulated refunds never touch a chain: they are final when settled (./simulate-refund.ts).
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE refunds r
    SET "leaseOwner" = ${token}, "leaseUntil" = ${leaseUntil}, "checkAttempts" = r."checkAttempts" + 1
    FROM (
      SELECT rf.id FROM refunds rf
      WHERE (rf.status = 'submitted' OR (rf.status = 'verified' AND rf."finalizedAt" IS NULL))
        AND rf.simulated = false AND rf."nextCheckAt" <= ${now}
        AND (rf."leaseUntil" IS NULL OR rf."leaseUntil" < ${now})
        AND rf."chainId" = ANY(${chainIds}::int[]) ${partnerFilter}
      ORDER BY rf."nextCheckAt"
      LIMIT ${opts.batchSize ?? 20}
      FOR UPDATE OF rf SKIP LOCKED
    ) c
    WHERE r.id = c.id
    RETURNING r.id`;
  if (rows.length === 0) return [];
  const found = await db.refund.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    select: {
      id: true, requestId: true, status: true, testMode: true, chainId: true, usdcContract: true, fromWallet: true, toAddress: true,
      amountMicro: true, txHash: true, blockNumber: true, blockHash: true, checkAttempts: true, createdAt: true, submittedAt: true,
      reversedAt: true, verifiedAt: true,
    },
  });
  return found.filter((r): r is ClaimedRefund => r.status === "submitted" || r.status === "verified");
}

async function verifyOne(r: ClaimedRefund, chain: ChainSettings, token: string, opts: CheckRefundsOptions) {
  if (!r.txHash) return settle(r, { kind: "rejected", reason: "not_found", block: null }, token);
  if (chain.chainId !== r.chainId) return settle(r, { kind: "rejected", reason: "wrong_chain", block: null }, token);
  const read = await withDeadline(readChain(chain, r.txHash), opts.readDeadlineMs ?? DEFAULT_READ_DEADLINE_MS);
  const unknownSince = Math.max(r.submittedAt?.getTime() ?? r.createdAt.getTime(), r.reversedAt?.getTime() ?? 0);
  if (read.kind === "missing" && Date.now() - unknownSince >= UNKNOWN_HASH_GIVE_UP_MS) {
    return settle(r, { kind: "rejected", reason: "not_found", block: null }, token);
  }
  if (read.kind !== "found") {
    const delay = read.kind === "error" ? rpcErrorDelayMs(r.checkAttempts) : missingReceiptDelayMs(Date.now() - unknownSince);
    return reschedule(r, token, delay, read.kind === "error" ? read.message : "receipt not found", null);
  }
  const verdict = verifyRefundTransfer({
    refund: r,
    chainId: chain.chainId,
    receipt: read.receipt,
    blockTimestamp: read.blockTimestamp,
    headNumber: read.head,
    confirmations: chain.confirmations,
  });
  if (verdict.kind === "pending") return reschedule(r, token, opts.confirmationPollMs ?? 500, null, verdict.confirmations);
  const block = {
    blockNumber: read.receipt.blockNumber,
    blockHash: read.receipt.blockHash.toLowerCase(),
    confirmations: Number(read.head - read.receipt.blockNumber + 1n),
  };
  return settle(r, verdict.kind === "verified" ? { kind: "verified", block } : { kind: "rejected", reason: verdict.reason, block }, token);
}

async function finalizeOne(r: ClaimedRefund, chain: ChainSettings, token: string, opts: CheckRefundsOptions) {
  let d: FinalityDecision;
  try {
    d = r.txHash ? await decideFinality({ txHash: r.txHash, blockNumber: r.blockNumber, blockHash: r.blockHash }, chain) : { kind: "reverse", cause: "receipt_gone" };
  } catch (err) {
    d = { kind: "wait", error: err instanceof Error ? err.message.split("\n")[0].slice(0, 300) : String(err) };
  }
  const mine = { id: r.id, status: "verified" as const, finalizedAt: null, leaseOwner: token };
  const release = { leaseOwner: null, leaseUntil: null };
  if (d.kind === "wait") {
    const delay = d.error ? rpcErrorDelayMs(r.checkAttempts) : finalityPollMs(Date.now() - (r.verifiedAt?.getTime() ?? Date.now()), opts.finalityPollMs);
    await db.refund.updateMany({ where: mine, data: { ...release, nextCheckAt: new Date(Date.now() + delay), lastError: d.error } });
    return;
  }
  if (d.kind === "final") {
    // Finality changes nothing the partner acts on (payment.refunded already said it), so no event;
    // the audit entry records when the refund became irreversible.
    await db.$transaction(async (tx) => {
      const { count } = await tx.refund.updateMany({ where: mine, data: { ...release, finalizedAt: new Date(), confirmations: d.confirmations, lastError: null } });
      if (count === 0) return;
      const done = await tx.refund.findUniqueOrThrow({ where: { id: r.id } });
      await recordRefundAudit(tx, { actor: SYSTEM_ACTOR, action: "refund.finalized", refund: done });
    });
    return;
  }
  const reversed = await db.$transaction((tx) => reverseRefund(tx, r, d.cause, token));
  if (reversed) log.warn("verified refund removed by a reorg; back to submitted", { refundId: r.id, requestId: r.requestId, txHash: r.txHash, cause: d.cause });
}

async function settle(r: ClaimedRefund, verdict: RefundFinalVerdict, token: string) {
  const settled = await db.$transaction((tx) => settleRefund(tx, r, verdict, token));
  if (!settled) log.warn("refund lease lost before settling; left to its new owner", { refundId: r.id });
}

async function reschedule(r: ClaimedRefund, token: string, delayMs: number, lastError: string | null, confirmations: number | null) {
  await db.refund.updateMany({
    where: { id: r.id, status: "submitted", leaseOwner: token },
    data: { nextCheckAt: new Date(Date.now() + delayMs), leaseOwner: null, leaseUntil: null, lastError, confirmations },
  });
}

/** The worker loop: idles WORKER_POLL_MS between empty passes. */
export function refundCheckLoop(opts: Partial<Omit<CheckRefundsOptions, "workerId">> = {}): Loop {
  return {
    name: "refund-check",
    intervalMs: config().WORKER_POLL_MS,
    run: (ctx) => checkRefunds({ ...opts, workerId: ctx.workerId }),
  };
}
