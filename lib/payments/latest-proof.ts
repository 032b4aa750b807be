// The proof a request's API object shows (serializeRequest's `proof`): the proof that paid it, while
// one stands — a proof attached meanwhile and rejected as `superseded`, or one moved elsewhere by
// the attribution rules, must not hide the payment — otherwise the newest proof, rejected ones
// included, so a refusal and its reason stay visible (SPEC §6).
import { db, type Tx } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { Proof } from "@/lib/generated/prisma/client";
import { proofColumns, toProof } from "./proof-row";

export async function latestProof(requestId: string, client: Tx | typeof db = db): Promise<Proof | null> {
  // A request has a handful of proofs at most (5 pending at a time): read them all and pick.
  return shownProofs(await client.proof.findMany({ where: { requestId } })).get(requestId) ?? null;
}

/** Every proof of the given requests, in no order. Exported for bench:api's bare list, which runs it too. */
export const PROOFS_OF_REQUESTS_SQL = `SELECT ${proofColumns()} FROM proofs WHERE "requestId" = ANY($1::uuid[])`;

/** All proofs of a page of requests in one plain-SQL read (a list's hot path: lib/db/sql.ts). */
export async function proofsOfRequests(requestIds: readonly string[]): Promise<Proof[]> {
  return requestIds.length ? (await sql(PROOFS_OF_REQUESTS_SQL, [requestIds])).map(toProof) : [];
}

/** The shown proof of each request, from all their proofs in any order (one query for a page). */
export function shownProofs(proofs: readonly Proof[]): Map<string, Proof> {
  const shown = new Map<string, Proof>();
  const rank = (p: Proof) => [p.outcome === "verified" ? 1 : 0, p.createdAt.getTime(), p.id] as const;
  for (const p of proofs) {
    const cur = shown.get(p.requestId);
    if (!cur) shown.set(p.requestId, p);
    else {
      const [a, b] = [rank(p), rank(cur)];
      if (a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2])))) shown.set(p.requestId, p);
    }
  }
  return shown;
}
