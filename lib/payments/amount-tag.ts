// Amount tagging (SPEC §6): open requests to one wallet on one chain must have distinct usdc_micro,
// so that a transfer of an exact amount identifies one request. A create adds the smallest tag
// 0..99 micro-units whose total is not already in use. Creates to one wallet are serialised by a
// transaction-scoped advisory lock, so two concurrent creates cannot pick the same tag.
import type { Sql } from "@/lib/db/sql";

export const MAX_AMOUNT_TAG = 99;

/** "Open" for tagging: a payment could still arrive and be matched to it. */
export const OPEN_STATUSES = ["requested", "opened"] as const;
export const OPEN_PROOF_STATUSES = ["none", "attached"] as const;

/** The smallest tag in 0..99 with base + tag not in `taken`; null when all 100 are in use. */
export function pickAmountTag(base: bigint, taken: Iterable<bigint>): number | null {
  const used = new Set<bigint>();
  for (const t of taken) used.add(t);
  for (let tag = 0; tag <= MAX_AMOUNT_TAG; tag++) if (!used.has(base + BigInt(tag))) return tag;
  return null;
}

/** Holds until the transaction ends; keyed by chain + wallet so other wallets never wait. */
export async function lockWallet(tx: Sql, chainId: number, wallet: string): Promise<void> {
  await tx(LOCK_WALLET_SQL, [walletLockKey(chainId, wallet)]);
}

// The statements are exported for bench:api's bare baseline, which runs the same ones.
export const LOCK_WALLET_SQL = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";
export const walletLockKey = (chainId: number, wallet: string) => `amount-tag:${chainId}:${wallet.toLowerCase()}`;

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");
export const TAKEN_AMOUNTS_SQL = `
  SELECT "usdcMicro" FROM payment_requests
  WHERE "chainId" = $1 AND "receivingWallet" = $2
    AND status IN (${quoted(OPEN_STATUSES)}) AND "proofStatus" IN (${quoted(OPEN_PROOF_STATUSES)})
    AND "usdcMicro" BETWEEN $3 AND $4`;

/** usdc_micro of open requests to the wallet within [base, base + 99]. Call after lockWallet, in its transaction. */
export async function takenAmounts(tx: Sql, chainId: number, wallet: string, base: bigint): Promise<bigint[]> {
  const rows = await tx<{ usdcMicro: string }>(TAKEN_AMOUNTS_SQL, [chainId, wallet.toLowerCase(), base.toString(), (base + BigInt(MAX_AMOUNT_TAG)).toString()]);
  return rows.map((r) => BigInt(r.usdcMicro));
}
