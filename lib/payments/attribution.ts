// Who a transfer belongs to (SPEC §6 "Attribution") — the one place these rules live. The verifier
// (check-proofs) and the transfer watcher both ask here, so a proof and a scan can never disagree
// about which request a payment pays.
//
// In order of precedence:
//  1. Reference. A receipt whose USDC contract emitted AuthorizationUsed with a JoPay payment
//     reference (EIP-3009 nonce, ./payment-reference) belongs to the request it names, and to no
//     other, whatever its amount.
//  2. Exact amount. Otherwise the transfer belongs to the request to that wallet whose usdc_micro
//     equals the amount received, if one could take it: open when the tx was mined; else still open
//     now (paid after its expiry, before the sweeper came); else one that expired shortly before
//     (a late payment). Amount tags keep such amounts unique among open requests of a wallet.
//  3. Nobody. Only then may the request the transfer was proven for take it: as an overpayment,
//     or rejected as underpaid.
// A request the transfer does not belong to is refused as `matches_other_request` — never told
// which request owns it — and the owner gets the transfer attached instead. So pasting another
// customer's tx hash into one's own, cheaper request pays nothing and takes nothing.
import { db, type Tx } from "@/lib/db";
import { requestIdFromNonce, AUTHORIZATION_USED_TOPIC } from "./payment-reference";
import { CREATION_SKEW_MS, type UntrustedLog } from "./verify-transfer";
import { HASH_RE } from "@/lib/schemas/hex";

/** How long after its expiry a request still owns an exact-amount payment (a late payer). */
export const LATE_OWNERSHIP_MS = 24 * 60 * 60_000;

export interface Claimant {
  id: string;
  usdcMicro: bigint;
  createdAt: Date;
  expiresAt: Date;
  status: string;
}


/** Request ids named by JoPay payment references that `usdc` emitted in this receipt's logs. */
export function referencedRequestIds(logs: unknown, usdc: string): string[] {
  const ids = new Set<string>();
  for (const log of Array.isArray(logs) ? (logs as UntrustedLog[]) : []) {
    if (typeof log !== "object" || log === null || log.removed === true) continue;
    if (typeof log.address !== "string" || log.address.toLowerCase() !== usdc.toLowerCase()) continue;
    const topics = log.topics;
    if (!Array.isArray(topics) || topics.length !== 3 || !topics.every((t) => typeof t === "string" && HASH_RE.test(t))) continue;
    if ((topics[0] as string).toLowerCase() !== AUTHORIZATION_USED_TOPIC) continue;
    const id = requestIdFromNonce(topics[2] as string);
    if (id) ids.add(id);
  }
  return [...ids];
}

/**
 * Rule 2's pick among requests whose usdc_micro equals the amount: open when mined, else open now,
 * else (when `lateMs` > 0) expired at most `lateMs` before it was mined; the oldest within a class.
 * Never a request created after the transfer was mined: it cannot have been what the payer paid.
 */
export function pickExactAmountOwner<T extends Claimant>(candidates: readonly T[], minedAtMs: number, lateMs = LATE_OWNERSHIP_MS): T | null {
  const existed = candidates.filter((r) => r.createdAt.getTime() - CREATION_SKEW_MS <= minedAtMs && r.status !== "voided");
  const oldest = (rs: T[]) => rs.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0] ?? null;
  return (
    oldest(existed.filter((r) => minedAtMs < r.expiresAt.getTime())) ??
    oldest(existed.filter((r) => r.status === "requested" || r.status === "opened")) ??
    oldest(existed.filter((r) => lateMs > 0 && r.expiresAt.getTime() + lateMs > minedAtMs))
  );
}

export interface OwnerQuery {
  /** The request the transfer is proven for. */
  requestId: string;
  chainId: number;
  usdcContract: string;
  receivingWallet: string;
  /** Sum of USDC received by the wallet in the tx, from senders other than the wallet. */
  receivedMicro: bigint;
  minedAtMs: number;
  /** Request ids the receipt's payment references name (referencedRequestIds). */
  references: string[];
}

export type Owner = { kind: "this" } | { kind: "nobody" } | { kind: "other"; requestId: string };

/**
 * Applies the rules to one proven transfer, reading the competing requests. A referenced or
 * exact-amount request counts only if it is to the same wallet, chain and token, is not voided
 * and is not already paid by another transaction.
 */
export async function ownerOf(q: OwnerQuery, client: Tx | typeof db = db): Promise<Owner> {
  const sameTarget = { chainId: q.chainId, usdcContract: q.usdcContract.toLowerCase(), receivingWallet: q.receivingWallet.toLowerCase() };
  if (q.references.includes(q.requestId)) return { kind: "this" };
  if (q.references.length > 0) {
    const named = await client.paymentRequest.findFirst({
      where: { id: { in: q.references }, ...sameTarget, status: { not: "voided" }, proofStatus: { not: "verified" } },
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    // A reference to a request of another wallet (a batch paying two merchants) says nothing here.
    if (named) return { kind: "other", requestId: named.id };
  }
  if (q.receivedMicro === 0n) return { kind: "nobody" };
  const candidates = await client.paymentRequest.findMany({
    where: { ...sameTarget, usdcMicro: q.receivedMicro, status: { not: "voided" }, OR: [{ proofStatus: { not: "verified" } }, { id: q.requestId }] },
    select: { id: true, usdcMicro: true, createdAt: true, expiresAt: true, status: true },
  });
  // The proven request's own exact amount, if it existed when the transfer was mined: its payment,
  // whoever else shares the amount.
  const self = candidates.find((c) => c.id === q.requestId);
  if (self && self.createdAt.getTime() - CREATION_SKEW_MS <= q.minedAtMs) return { kind: "this" };
  const owner = pickExactAmountOwner(candidates.filter((c) => c.id !== q.requestId), q.minedAtMs);
  return owner ? { kind: "other", requestId: owner.id } : { kind: "nobody" };
}
