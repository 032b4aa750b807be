// Listing a partner's requests in one mode (seeds: requests-api "List requests"): since inclusive,
// until exclusive, newest first, has_more from one extra row. A merchant_id filter must name one of
// the tenant's merchants — anything else is the same 404 as a missing id.
//
// The order is total — created_at, then id, both descending — so `starting_after` (the last id of
// the previous page) is a position no insert can move: a walk never skips or repeats an item, even
// when many requests share a millisecond or new ones arrive mid-walk (they sort before the cursor).
//
// Plain SQL (lib/db/sql.ts): through Prisma a page of 51 rows cost ~7 ms of CPU to read (bench:api).
// Tenant and mode come from tenantSql(), as tenantWhere() gives them to Prisma.
import { assertIdShape, assertMerchantInTenant, notFound, tenantParams, tenantSql, type TenantScope } from "@/lib/api/tenant";
import { sql } from "@/lib/db/sql";
import type { ListRequestsQuery } from "@/lib/schemas/request";
import { requestColumns, toPaymentRequest } from "./request-row";

const COLUMNS = requestColumns();

export async function listRequests(scope: TenantScope, q: ListRequestsQuery) {
  if (q.merchant_id) await assertMerchantInTenant(scope, q.merchant_id);
  const cursor = q.starting_after ? await cursorOf(scope, q.starting_after) : null;
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
  const rows = await sql(
    `SELECT ${COLUMNS} FROM payment_requests WHERE ${where.join(" AND ")}
     ORDER BY "createdAt" DESC, id DESC LIMIT $${values.length - 1} OFFSET $${values.length}`,
    values,
  );
  return { requests: rows.slice(0, q.limit).map(toPaymentRequest), hasMore: rows.length > q.limit };
}

/** Where `starting_after` points: a request of this tenant, or the same 404 as any missing id. */
async function cursorOf(scope: TenantScope, id: string): Promise<{ createdAt: Date; id: string }> {
  assertIdShape(id);
  const rows = await sql<{ createdAt: Date; id: string }>(
    `SELECT "createdAt", id FROM payment_requests WHERE ${tenantSql()} AND id = $3`,
    [...tenantParams(scope), id],
  );
  if (rows.length === 0) throw notFound();
  return rows[0];
}
