// Listing a partner's requests in one mode (seeds: requests-api "List requests"): since inclusive,
// until exclusive, newest first, has_more from one extra row. A merchant_id filter must name one of
// the tenant's merchants — anything else is the same 404 as a missing id.
//
// The order is total — created_at, then id, both descending — so `starting_after` (the last id of
// the previous page) is a position no insert can move: a walk never skips or repeats an item, even
// when many requests share a millisecond or new ones arrive mid-walk (they sort before the cursor).
//
// Plain SQL (lib/db/sql.ts): reading a page of rows through Prisma costs many times the CPU (bench:api).
// Tenant and mode come from tenantSql(), as tenantWhere() gives them to Prisma.
import { assertIdShape, assertMerchantInTenant, notFound, tenantParams, tenantSql, type TenantScope } from "@/lib/tenancy";
import { sql } from "@/lib/db/sql";
import type { ListRequestsQuery } from "@/lib/schemas/request";
import { requestColumns, toPaymentRequest } from "./request-row";

const COLUMNS = requestColumns();

type Cursor = { createdAt: Date; id: string };

export async function listRequests(scope: TenantScope, q: ListRequestsQuery) {
  if (q.merchant_id) await assertMerchantInTenant(scope, q.merchant_id);
  const cursor = q.starting_after ? await cursorOf(scope, q.starting_after) : null;
  const { text, values } = listRequestsStatement(scope, q, cursor);
  const rows = await sql(text, values);
  return { requests: rows.slice(0, q.limit).map(toPaymentRequest), hasMore: rows.length > q.limit };
}

/**
 * The page's statement: limit + 1 rows in the list's order. Exported for bench:api's bare list
 * (bench/support/baseline-server.ts), which runs this very statement.
 */
export function listRequestsStatement(scope: TenantScope, q: ListRequestsQuery, cursor: Cursor | null): { text: string; values: unknown[] } {
  const values: unknown[] = tenantParams(scope);
  const where = [tenantSql()];
  const filter = (column: string, op: "=" | ">=" | "<", value: unknown) => {
    values.push(value);
    where.push(`${column} ${op} $${values.length}`);
  };
  if (q.status) filter("status", "=", q.status);
  if (q.proof_status) filter(`"proofStatus"`, "=", q.proof_status);
  if (q.merchant_id) filter(`"merchantId"`, "=", q.merchant_id);
  if (q.since) filter(`"createdAt"`, ">=", q.since);
  if (q.until) filter(`"createdAt"`, "<", q.until);
  if (q.proof_verified_since) filter(`"proofVerifiedAt"`, ">=", q.proof_verified_since);
  if (q.proof_verified_until) filter(`"proofVerifiedAt"`, "<", q.proof_verified_until);
  if (cursor) {
    values.push(cursor.createdAt, cursor.id);
    where.push(`("createdAt", id) < ($${values.length - 1}, $${values.length}::uuid)`);
  }
  values.push(q.limit + 1, q.offset);
  return {
    text: `SELECT ${COLUMNS} FROM payment_requests WHERE ${where.join(" AND ")}
     ORDER BY "createdAt" DESC, id DESC LIMIT $${values.length - 1} OFFSET $${values.length}`,
    values,
  };
}

/** Where `starting_after` points: a request of this tenant, or the same 404 as any missing id. */
async function cursorOf(scope: TenantScope, id: string): Promise<Cursor> {
  assertIdShape(id);
  const rows = await sql<Cursor>(
    `SELECT "createdAt", id FROM payment_requests WHERE ${tenantSql()} AND id = $3`,
    [...tenantParams(scope), id],
  );
  if (rows.length === 0) throw notFound();
  return rows[0];
}
