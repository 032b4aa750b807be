// Detection without a proof (SPEC §6): scan USDC Transfer logs to wallets with open requests, in
// bounded block ranges from a persisted cursor per chain, and attach exact-amount matches as
// proofs (source "watcher") through the same attachProof as everyone else. Amount tagging makes
// an exact amount identify one open request per wallet; which request a transfer belongs to is
// decided by ./attribution, the same rules verification applies. Verification (block time,
// everything else) stays with the proof-check loop. The watcher reads only blocks that already
// have the chain's confirmations, and re-reads a reorg window behind its cursor on every pass, so
// a reorg that replaces scanned blocks cannot hide a payment in them.
//
// "Open" means open when the transfer was mined, not when the watcher gets to it: a customer who
// pays a minute before expiry must not lose to a sweeper that expired the request while the
// watcher lagged (RPC trouble, a backlog, a restart). So requests the sweeper expired count too,
// but only for a transfer mined before their expires_at — after it, a payment to an expired request
// is "late" and needs its proof attached by someone (SPEC §6), as before.
//
// The cursor row is claimed with a lease (conditional UPDATE), so with many workers one scans a
// chain at a time and a killed scanner's chain is resumed after its lease.
import { randomBytes } from "node:crypto";
import { getAddress, parseAbiItem, type Address } from "viem";
import { isApiError } from "@/lib/errors";
import { publicClientFor } from "@/lib/chains/clients";
import type { ChainSettings } from "@/lib/chains/config";
import { configuredChains } from "@/lib/chains/for-mode";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import type { Loop } from "@/lib/loop";
import { OPEN_PROOF_STATUSES, OPEN_STATUSES } from "./amount-tag";
import { attachProof, recheckNow } from "./attach-proof";
import { pickExactAmountOwner } from "./attribution";
import { parseTransferLog } from "./verify-transfer";

const TRANSFER_EVENT = parseAbiItem("event Transfer(address indexed from, address indexed to, uint256 value)");

export interface WatchTransfersOptions {
  workerId: string;
  chains?: ChainSettings[];
  /** Largest getLogs block range (public RPCs commonly cap at 2,000–10,000). */
  maxBlockRange?: number;
  /** Wallets per getLogs `to` filter. */
  walletsPerQuery?: number;
  leaseMs?: number;
  /** Cursor row id; default the chain id. Tests give each chain instance its own cursor. */
  cursorId?: (chain: ChainSettings) => number;
  /** Only requests of this partner (tests). */
  partnerId?: string;
}

export interface WatchResult {
  blocksScanned: number;
  attached: number;
  /** Chains whose pass failed (RPC unreachable, range too large…). */
  failedChainIds: number[];
}

/** One pass over every chain: at most one block range each. */
export async function watchTransfers(opts: WatchTransfersOptions): Promise<WatchResult> {
  const total: WatchResult = { blocksScanned: 0, attached: 0, failedChainIds: [] };
  for (const chain of opts.chains ?? configuredChains()) {
    try {
      const r = await watchChain(chain, opts);
      total.blocksScanned += r.blocksScanned;
      total.attached += r.attached;
    } catch (err) {
      // One chain's RPC trouble must not stall the others; the range is retried next pass.
      total.failedChainIds.push(chain.chainId);
      log.warn("transfer watch failed", { chainId: chain.chainId, error: err instanceof Error ? err.message.split("\n")[0] : String(err) });
    }
  }
  return total;
}

// The block range each cursor's next scan may cover. Providers cap getLogs by block range or by
// result size (500 to 10,000 blocks, or N logs), and a cap is found out only by a refusal: a fixed
// range would be refused every pass, and the chain would never be watched again. So a failed scan
// halves the range (down to one block) and each success doubles it back — but not past a range
// that failed in the last 10 minutes, or every other pass of a catch-up would fail again.
interface RangeState {
  range: number;
  /** Largest range not known to fail, until ceilingUntil (a failure may have been transient). */
  ceiling: number;
  ceilingUntil: number;
}
const rangeByCursor = new Map<number, RangeState>();
const RANGE_CEILING_MS = 10 * 60_000;

function nextRange(cursorId: number, maxRange: number, range: number, ok: boolean) {
  const now = Date.now();
  const prev = rangeByCursor.get(cursorId);
  const live = prev && prev.ceilingUntil > now ? prev : { ceiling: maxRange, ceilingUntil: 0 };
  rangeByCursor.set(
    cursorId,
    ok
      ? { ...live, range: Math.min(maxRange, live.ceiling, range * 2) }
      : { range: Math.max(1, Math.floor(range / 2)), ceiling: Math.max(1, Math.min(live.ceiling, range - 1)), ceilingUntil: now + RANGE_CEILING_MS },
  );
}

async function watchChain(chain: ChainSettings, opts: WatchTransfersOptions): Promise<Omit<WatchResult, "failedChainIds">> {
  const idle = { blocksScanned: 0, attached: 0 };
  const cursorId = opts.cursorId?.(chain) ?? chain.chainId;
  const client = publicClientFor(chain);
  const head = await client.getBlockNumber({ cacheTime: 0 });
  // Scan only blocks with the chain's confirmations. A block the cursor has passed is never read
  // again, so a reorg that moved a payment into a shallower block already scanned would lose it;
  // at verification depth that cannot happen, and verification would wait for it anyway.
  const safeHead = bigMax(0n, head - BigInt(chain.confirmations - 1));

  // First run starts at the head: history before JoPay watched the chain is the proofs' business.
  await db.chainCursor.createMany({ data: [{ chainId: cursorId, lastScannedBlock: safeHead, headBlock: head }], skipDuplicates: true });
  const token = `${opts.workerId}:${randomBytes(6).toString("hex")}`;
  const now = new Date();
  const claimed = await db.chainCursor.updateMany({
    where: { chainId: cursorId, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseOwner: token, leaseUntil: new Date(now.getTime() + (opts.leaseMs ?? 60_000)) },
  });
  if (claimed.count === 0) return idle;

  try {
    const cursor = await db.chainCursor.findUniqueOrThrow({ where: { chainId: cursorId } });
    const from = cursor.lastScannedBlock + 1n;
    if (from > safeHead) {
      await release(cursorId, token, head);
      return idle;
    }
    const maxRange = opts.maxBlockRange ?? 2_000;
    const range = Math.min(maxRange, rangeByCursor.get(cursorId)?.range ?? maxRange);
    // Every pass re-reads the reorg window behind the cursor too (SPEC §6): a reorg deeper than the
    // confirmation count can replace blocks already scanned, and a payment in a replacing block
    // would otherwise never be seen. Re-reading is idempotent (a hash already attached is skipped).
    // The window takes at most half the range, so the cursor always moves on.
    const rescan = BigInt(Math.min(chain.reorgWindow, Math.floor(range / 2)));
    const scanFrom = bigMax(0n, from - rescan);
    const to = bigMin(safeHead, scanFrom + BigInt(range) - 1n);
    let attached: number;
    try {
      attached = await scanRange(chain, scanFrom, to, opts);
    } catch (err) {
      nextRange(cursorId, maxRange, range, false);
      throw err;
    }
    nextRange(cursorId, maxRange, range, true);
    // Advance from where this scan started, not by lease: a scan that outlived its lease (slow RPC,
    // many wallets) while another worker took the cursor still moves it on, and a cursor never
    // moves back. Two workers scanning one range is harmless: attaching is idempotent.
    await db.chainCursor.updateMany({ where: { chainId: cursorId, lastScannedBlock: from - 1n }, data: { lastScannedBlock: to } });
    await release(cursorId, token, head);
    return { blocksScanned: Number(to - from + 1n), attached };
  } catch (err) {
    // Leave the cursor where it was; the range is retried on the next pass.
    await release(cursorId, token, head).catch(() => {});
    throw err;
  }
}

async function release(cursorId: number, token: string, head: bigint) {
  await db.chainCursor.updateMany({
    where: { chainId: cursorId, leaseOwner: token },
    data: { headBlock: head, leaseOwner: null, leaseUntil: null },
  });
}

interface OpenRequest {
  id: string;
  usdcMicro: bigint;
  receivingWallet: string;
  createdAt: Date;
  status: string;
  expiresAt: Date;
}

/** Block timestamps (ms) on demand, each block fetched once per range. */
function blockTimes(client: ReturnType<typeof publicClientFor>) {
  const seen = new Map<bigint, Promise<number>>();
  return (blockNumber: bigint) => {
    if (!seen.has(blockNumber)) seen.set(blockNumber, client.getBlock({ blockNumber }).then((b) => Number(b.timestamp) * 1000));
    return seen.get(blockNumber)!;
  };
}

async function scanRange(chain: ChainSettings, from: bigint, to: bigint, opts: WatchTransfersOptions): Promise<number> {
  const client = publicClientFor(chain);
  const blockTime = blockTimes(client);
  // Expired requests still in the running: those that expired after this range began.
  const rangeStart = new Date(await blockTime(from));
  const open: OpenRequest[] = await db.paymentRequest.findMany({
    where: {
      chainId: chain.chainId,
      usdcContract: chain.usdcAddress.toLowerCase(),
      proofStatus: { in: [...OPEN_PROOF_STATUSES] },
      OR: [{ status: { in: [...OPEN_STATUSES] } }, { status: "expired", expiresAt: { gt: rangeStart } }],
      ...(opts.partnerId ? { partnerId: opts.partnerId } : {}),
    },
    select: { id: true, usdcMicro: true, receivingWallet: true, createdAt: true, status: true, expiresAt: true },
  });
  if (open.length === 0) return 0;

  // wallet → amount → the open requests with exactly that amount (normally one, by tagging).
  const byWallet = new Map<string, Map<bigint, OpenRequest[]>>();
  for (const r of open) {
    const amounts = byWallet.get(r.receivingWallet) ?? new Map<bigint, OpenRequest[]>();
    amounts.set(r.usdcMicro, [...(amounts.get(r.usdcMicro) ?? []), r]);
    byWallet.set(r.receivingWallet, amounts);
  }

  const wallets = [...byWallet.keys()];
  const chunk = opts.walletsPerQuery ?? 200;
  // Per (tx, wallet) sum, as the verifier does: a payment split over two transfers still matches.
  const paid = new Map<string, { txHash: string; wallet: string; value: bigint; blockNumber: bigint }>();
  for (let i = 0; i < wallets.length; i += chunk) {
    const logs = await client.getLogs({
      address: getAddress(chain.usdcAddress),
      event: TRANSFER_EVENT,
      args: { to: wallets.slice(i, i + chunk).map((w) => getAddress(w) as Address) },
      fromBlock: from,
      toBlock: to,
      strict: true,
    });
    for (const l of logs) {
      const t = parseTransferLog(l);
      // A wallet paying itself is no payment (SPEC §6), and must not make its sum look like one.
      if (!t || t.token !== chain.usdcAddress.toLowerCase() || !l.transactionHash || t.from === t.to) continue;
      const key = `${l.transactionHash.toLowerCase()}|${t.to}`;
      const cur = paid.get(key);
      paid.set(key, { txHash: l.transactionHash.toLowerCase(), wallet: t.to, value: (cur?.value ?? 0n) + t.value, blockNumber: l.blockNumber });
    }
  }

  // Which of these transactions already are a live proof, and of what (re-reads of the reorg window
  // see the same transfers pass after pass).
  const matching = [...paid.values()].filter((p) => byWallet.get(p.wallet)?.has(p.value));
  const held = new Map(
    (matching.length === 0
      ? []
      : await db.proof.findMany({
          where: { chainId: chain.chainId, activeTxHash: { in: matching.map((p) => p.txHash) } },
          select: { activeTxHash: true, requestId: true, outcome: true },
        })
    ).map((h) => [h.activeTxHash!, h]),
  );

  let attached = 0;
  for (const p of matching) {
    const candidates = byWallet.get(p.wallet)!.get(p.value)!;
    const holder = held.get(p.txHash);
    if (holder?.outcome === "verified") continue;
    // The watcher matches only requests that were open when the transfer was mined: a late payment
    // to an expired request needs its proof attached by someone (SPEC §6), as its amount may by
    // now be a newer request's.
    const target = pickExactAmountOwner(candidates, await blockTime(p.blockNumber), 0);
    if (!target || holder?.requestId === target.id) continue;
    if (holder) {
      // Another request's unverified proof holds a transfer of exactly this request's amount: maybe
      // a pasted hash. Verification decides with the whole receipt (a payment reference outranks
      // the amount) and moves it if it is this request's; have it do so now.
      await recheckNow(p.txHash);
      log.info("watcher found a transfer held by another request's unverified proof; re-checking it", { chainId: chain.chainId, txHash: p.txHash, requestId: target.id });
      continue;
    }
    try {
      const r = await attachProof({ requestId: target.id, txHash: p.txHash, source: "watcher", scope: null });
      if (r.created) attached++;
      candidates.splice(candidates.indexOf(target), 1);
    } catch (err) {
      // Attached elsewhere meanwhile, the request stopped being payable, or any other refusal of
      // this one attach: it must not hold back the rest of the chain (a throw here leaves the
      // cursor in place and the range is retried forever). Only failures that are not a verdict
      // on this request (database down…) retry the range.
      if (isApiError(err)) {
        if (err.code !== "request_not_payable") {
          log.info("watcher could not attach a transfer", { chainId: chain.chainId, requestId: target.id, txHash: p.txHash, code: err.code });
        }
        continue;
      }
      throw err;
    }
  }
  if (attached > 0) log.info("watcher attached proofs", { chainId: chain.chainId, from, to, attached });
  return attached;
}

const bigMin = (a: bigint, b: bigint) => (a < b ? a : b);
const bigMax = (a: bigint, b: bigint) => (a > b ? a : b);

export function transferWatchLoop(opts: Partial<Omit<WatchTransfersOptions, "workerId">> = {}): Loop {
  // A chain whose RPC fails is retried with backoff (1 s … 60 s) instead of every poll, so an
  // unreachable node costs a log line a minute, not two a second. Local pacing only: the cursor
  // lease is what coordinates workers.
  const failing = new Map<number, { failures: number; retryAt: number }>();
  return {
    name: "transfer-watch",
    intervalMs: config().WORKER_POLL_MS,
    run: async (ctx) => {
      const now = Date.now();
      const chains = (opts.chains ?? configuredChains()).filter((c) => (failing.get(c.chainId)?.retryAt ?? 0) <= now);
      if (chains.length === 0) return 0;
      const r = await watchTransfers({ ...opts, chains, workerId: ctx.workerId });
      for (const c of chains) {
        if (!r.failedChainIds.includes(c.chainId)) failing.delete(c.chainId);
        else {
          const failures = (failing.get(c.chainId)?.failures ?? 0) + 1;
          failing.set(c.chainId, { failures, retryAt: now + Math.min(60_000, 1_000 * 2 ** (failures - 1)) });
        }
      }
      // Blocks scanned count as work, so a worker catching up runs range after range without sleeping.
      return r.blocksScanned;
    },
  };
}
