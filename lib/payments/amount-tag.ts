// Amount tagging (SPEC §6): open requests to one wallet on one chain must have distinct usdc_micro,
// so that a transfer of an exact amount identifies one request. A create adds a tag of 0..9,999
// micro-units (under one cent) whose total is not already the amount of an open request: 0 when
// the converted amount itself is free, otherwise a free tag picked at random.
// That leaves room for 10,000 open requests of one price per wallet (a SaaS biller's monthly run).
//
// Concurrency: what is locked is the amount, not the wallet. The pick statement finds the first
// candidate whose amount is free and takes a transaction-scoped advisory lock on that amount
// (chain, wallet, usdc_micro) with pg_try_advisory_xact_lock — never waiting: an amount another
// create is inserting right now is simply skipped. The insert, a later statement and so a later
// snapshot, re-checks under that lock that the amount is still free (a create that held it and
// committed in between is visible now) and inserts; when it is not, the next pick goes on. So two
// open requests can never share an amount, and creates to one busy wallet run side by side instead
// of queueing behind one wallet lock (bench:verify compares them with creates over 64 wallets).
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

/** No open request to the wallet asks for `amount` (SQL expressions, e.g. placeholders). */
export const amountIsFreeSql = (p: { chainId: string; wallet: string; amount: string }) => `NOT EXISTS (
    SELECT 1 FROM payment_requests open_request
    WHERE open_request."chainId" = ${p.chainId} AND open_request."receivingWallet" = ${p.wallet}
      AND open_request."usdcMicro" = ${p.amount} AND ${OPEN_SQL("open_request")})`;

// $1 chain id, $2 wallet (lower case), $3 base usdc_micro, $4 candidate tags in trying order.
// The fence (OFFSET 0) keeps the lock out of the probe: only an amount found free is locked, and
// unnest yields the candidates lazily in array order, so the first free one that locks wins.
// Each probe uses the index (chainId, receivingWallet, usdcMicro).
// Exported for bench:api's bare baseline, which runs the same statements.
export const PICK_TAG_SQL = `
  SELECT free.value AS tag FROM (
    SELECT tag.value FROM unnest($4::int[]) AS tag(value)
    WHERE ${amountIsFreeSql({ chainId: "$1::int", wallet: "$2::text", amount: "$3::bigint + tag.value" })}
    OFFSET 0
  ) free
  WHERE pg_try_advisory_xact_lock(hashtextextended('amount:' || $1::int || ':' || $2::text || ':' || ($3::bigint + free.value), 0))
  LIMIT 1`;

/**
 * In a transaction: the tag of a free amount (base + tag) to the wallet, locked until the
 * transaction ends, or null when all 10,000 are taken. `insert` must insert with that tag only if
 * the amount is still free (amountIsFreeSql) and say whether it did; a false goes on to the next.
 */
export async function withFreeAmountTag<T>(
  tx: Sql,
  q: { chainId: number; wallet: string; base: bigint },
  insert: (tag: number) => Promise<T | null>,
): Promise<T | null> {
  const params = [q.chainId, q.wallet.toLowerCase(), q.base.toString()];
  const lost = new Set<number>();
  for (const candidates of tagCandidateBatches()) {
    for (;;) {
      const [row] = await tx<{ tag: number }>(PICK_TAG_SQL, [...params, candidates]);
      if (!row) break; // this batch is used up: next batch
      // A tag the insert found taken must look taken to the next pick; if not, the two disagree
      // on what "free" means and retrying would loop for ever.
      if (lost.has(row.tag)) throw new Error(`amount tag ${row.tag} picked again after its insert found it taken`);
      const done = await insert(row.tag);
      if (done !== null) return done;
      // Taken between the pick's snapshot and the lock (its creator committed): pick again; the
      // pick now sees it taken.
      lost.add(row.tag);
    }
  }
  return null;
}

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
