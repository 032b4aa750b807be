// The create's SQL as it stood on 2026-12-03 (seven statements: key, rate limit, merchant +
// replay, BEGIN, pick a tag, insert, COMMIT), frozen as bench:api's reference (issue 16: "freeze
// today's baseline"). The live path has moved on (lib/requests/create-request.ts); this file must
// not follow it, or the ratio would stop saying what the changes bought.
import type { Sql } from "../../lib/db/sql";
import { tagCandidateBatches } from "../../lib/payments/amount-tag";
import { requestColumns } from "../../lib/requests/request-row";
import { tenantSql } from "../../lib/tenancy";

const OPEN_STATUSES = ["requested", "opened"] as const;
const OPEN_PROOF_STATUSES = ["none", "attached"] as const;
export const MERCHANT_AND_REPLAY_SQL = `
  SELECT m.id AS "m_id", m.disabled AS "m_disabled", m."onboardingStatus"::text AS "m_onboardingStatus",
    m."walletAddress" AS "m_walletAddress", m."displayCurrency" AS "m_displayCurrency", ${requestColumns("r")}
  FROM merchants m
  LEFT JOIN payment_requests r ON r."partnerId" = m."partnerId" AND r."merchantId" = m.id AND r."idempotencyKey" = $4
  WHERE ${tenantSql("m")} AND m.id = $3`;

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");
const OPEN_SQL = (alias: string) =>
  `${alias}.status IN (${quoted(OPEN_STATUSES)}) AND ${alias}."proofStatus" IN (${quoted(OPEN_PROOF_STATUSES)})`;

/** No open request to the wallet asks for `amount` (SQL expressions, e.g. placeholders). */
const amountIsFreeSql = (p: { chainId: string; wallet: string; amount: string }) => `NOT EXISTS (
    SELECT 1 FROM payment_requests open_request
    WHERE open_request."chainId" = ${p.chainId} AND open_request."receivingWallet" = ${p.wallet}
      AND open_request."usdcMicro" = ${p.amount} AND ${OPEN_SQL("open_request")})`;

export const INSERT_COLUMNS = [
  "id", "partnerId", "merchantId", "testMode", "paymentMode", "fiatAmountInt", "fiatCode", "usdcMicro", "amountTag",
  "fxRate", "fxSource", "fxRateAt", "memo", "customerName", "customerEmail", "customerPhone", "metadata",
  "idempotencyKey", "receivingWallet", "chainId", "usdcContract", "expiresAt", "createdVia", "createdAt", "updatedAt",
] as const;
/** A new request's columns but its tag; usdcMicro is the untagged amount. */
export type InsertValues = Record<Exclude<(typeof INSERT_COLUMNS)[number], "amountTag">, unknown>;
/** The insert's parameters for one tag: every column in order, usdcMicro tagged. */
export const insertParams = (values: InsertValues, tag: number) =>
  INSERT_COLUMNS.map((c) => (c === "amountTag" ? tag : c === "usdcMicro" ? (BigInt(values.usdcMicro as string) + BigInt(tag)).toString() : values[c]));
const param = (c: (typeof INSERT_COLUMNS)[number]) => `$${INSERT_COLUMNS.indexOf(c) + 1}`;
// Inserts only if the tagged amount is still free: the tag was picked (and its amount locked) by
// the statement before, whose snapshot may predate a create that held that amount and committed
// (lib/payments/amount-tag.ts). No row back = taken; the caller picks again.
export const INSERT_REQUEST_SQL = `
  INSERT INTO payment_requests (${INSERT_COLUMNS.map((c) => `"${c}"`).join(", ")})
  SELECT ${INSERT_COLUMNS.map((c) => param(c)).join(", ")}
  WHERE ${amountIsFreeSql({ chainId: param("chainId"), wallet: param("receivingWallet"), amount: `${param("usdcMicro")}::bigint` })}
  RETURNING ${requestColumns()}`;

export const PICK_TAG_SQL = `
  SELECT free.value AS tag FROM (
    SELECT tag.value FROM unnest($4::int[]) AS tag(value)
    WHERE ${amountIsFreeSql({ chainId: "$1::int", wallet: "$2::text", amount: "$3::bigint + tag.value" })}
    OFFSET 0
  ) free
  WHERE pg_try_advisory_xact_lock(hashtextextended('amount:' || $1::int || ':' || $2::text || ':' || ($3::bigint + free.value), 0))
  LIMIT 1`;

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
