// Amount tagging (SPEC §6): open requests to one wallet on one chain must have distinct usdc_micro,
// so that a transfer of an exact amount identifies one request. A create adds a tag of 0..9,999
// micro-units (under one cent) whose total is not already the amount of an open request: 0 when
// the converted amount itself is free, otherwise a free tag picked at random.
// That leaves room for 10,000 open requests of one price per wallet (a SaaS biller's monthly run).
//
// Concurrency: what is locked is the amount, not the wallet. For each candidate whose amount is
// free, a transaction-scoped advisory lock is taken on that amount (chain, wallet, usdc_micro) with
// pg_try_advisory_xact_lock — never waiting: an amount another create is inserting right now is
// simply skipped. The insert, a later command and so a later snapshot, re-checks under that lock
// that the amount is still free (a create that held it and committed in between is visible now)
// and inserts; when it is not, the next candidate goes on. So two open requests can never share an
// amount, and creates to one busy wallet run side by side instead of queueing behind one wallet
// lock (bench:verify compares them with creates over 64 wallets).
//
// Why random tags and not "the smallest free tag": with thousands of open requests at one price the
// smallest free tag is found only by probing every taken one, and concurrent creates would all race
// for the same next tag. A random candidate is free with the odds of the free share: at half full,
// two index probes on average. Candidates go in batches that grow ×4 (64, 256, 1,024, 4,096, …),
// so even the last free tag of 10,000 is found in 5 statements.
import type { Sql } from "@/lib/db/sql";

export const MAX_AMOUNT_TAG = 9_999;
const FIRST_BATCH = 64;

/** "Open" for tagging: a payment could still arrive and be matched to it. */
export const OPEN_STATUSES = ["requested", "opened"] as const;
export const OPEN_PROOF_STATUSES = ["none", "attached"] as const;

/**
 * Every tag 0..MAX_AMOUNT_TAG exactly once, in the order a create tries them — 0, then 1..9,999 in
 * random order — cut into batches that grow ×4. Random order, not "onwards from a random start":
 * probing onwards grows runs of taken tags that every later create must walk (≈ N²/2 probes to
 * fill N tags), random probing finds a free tag in 1/(1 − occupancy) probes on average.
 * The shuffle is done batch by batch (Fisher–Yates), so a create that takes its first candidate
 * shuffles 64 tags, not 10,000.
 */
export function* tagCandidateBatches(random: () => number = Math.random): Generator<number[]> {
  const rest = Uint16Array.from({ length: MAX_AMOUNT_TAG }, (_, i) => i + 1);
  let at = 0;
  for (let size = FIRST_BATCH; at < rest.length; size *= 4) {
    const batch = at === 0 ? [0] : [];
    const end = Math.min(rest.length, at + size - batch.length);
    for (; at < end; at++) {
      const j = at + Math.floor(random() * (rest.length - at));
      [rest[at], rest[j]] = [rest[j], rest[at]];
      batch.push(rest[at]);
    }
    yield batch;
  }
}

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");
const OPEN_SQL = (alias: string) =>
  `${alias}.status IN (${quoted(OPEN_STATUSES)}) AND ${alias}."proofStatus" IN (${quoted(OPEN_PROOF_STATUSES)})`;

// The probe, the lock and the insert run in the database as one statement: the function
// insert_tagged_request (prisma/migrations/20261203130000_insert_tagged_request), called with one
// batch of tagCandidateBatches at a time (lib/requests/create-request.ts). The order of the
// candidates stays here, where it is tested; the protocol above is the function's.

const SOONEST_FREED_SQL = `
  SELECT min("expiresAt") AS "soonest" FROM payment_requests r
  WHERE "chainId" = $1 AND "receivingWallet" = $2 AND "usdcMicro" BETWEEN $3 AND $4 AND ${OPEN_SQL("r")}`;

/**
 * For the Retry-After of an exhausted amount: seconds until the soonest of the open requests that
 * hold the tags expires (it may be paid sooner), at least 1, at most an hour.
 */
export async function secondsUntilATagFrees(tx: Sql, chainId: number, wallet: string, base: bigint, now = new Date()): Promise<number> {
  const [row] = await tx<{ soonest: Date | null }>(SOONEST_FREED_SQL, [chainId, wallet.toLowerCase(), base.toString(), (base + BigInt(MAX_AMOUNT_TAG)).toString()]);
  const ms = row?.soonest ? row.soonest.getTime() - now.getTime() : 60_000;
  return Math.min(3600, Math.max(1, Math.ceil(ms / 1000)));
}
