// Tenant and mode isolation in one place (SPEC §4, seeds: "a 404 from another partner's id looks
// identical to a 404 from a typo"). Every domain query for partner-owned rows takes its `where`
// from tenantWhere() (Prisma) or tenantSql() (plain SQL), and every lookup by id goes through the
// *OrNotFound helpers (or assertMerchantInTenant), so another partner's object, the other mode's
// object, a malformed id and a missing id all throw the very same ApiError("not_found") — the
// response bodies are byte-identical apart from X-Request-Id.
import { db, type Tx } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { UUID_RE } from "@/lib/ids";
import { ApiError } from "@/lib/errors";

/** Who is asking: a partner, in one mode. ApiContext satisfies it; so do dashboard/admin contexts. */
export interface TenantScope {
  partnerId: string;
  testMode: boolean;
}

/** The `where` fragment that confines a query on merchants, requests, webhook endpoints or events. */
export function tenantWhere(scope: TenantScope): { partnerId: string; testMode: boolean } {
  return { partnerId: scope.partnerId, testMode: scope.testMode };
}

/**
 * tenantWhere() for plain SQL (lib/db/sql.ts): the same two conditions on `alias`'s columns, always
 * as $1 and $2 — pass tenantParams(scope) first and number the query's own parameters from $3.
 */
export function tenantSql(alias?: string): string {
  const p = alias ? `${alias}.` : "";
  return `${p}"partnerId" = $1 AND ${p}"testMode" = $2`;
}

export const tenantParams = (scope: TenantScope): [string, boolean] => [scope.partnerId, scope.testMode];

/** The one not-found error: no message variant, no extra fields, whatever the reason. */
export function notFound(): ApiError {
  return new ApiError("not_found");
}

/** A path id that cannot be a row id is reported exactly like a missing one (no 400 oracle). */
export function assertIdShape(id: string): void {
  if (!UUID_RE.test(id)) throw notFound();
}

type Client = Tx | typeof db;

export async function findMerchantOrNotFound(scope: TenantScope, id: string, client: Client = db) {
  assertIdShape(id);
  const merchant = await client.merchant.findFirst({ where: { id, ...tenantWhere(scope) } });
  if (!merchant) throw notFound();
  return merchant;
}

/** Exported for bench:api's bare list, which runs the same statements as ours. */
export const MERCHANT_IN_TENANT_SQL = `SELECT 1 FROM merchants WHERE ${tenantSql()} AND id = $3`;

/** findMerchantOrNotFound when only existence matters (a list filter): one plain-SQL read. */
export async function assertMerchantInTenant(scope: TenantScope, id: string): Promise<void> {
  assertIdShape(id);
  const rows = await sql(MERCHANT_IN_TENANT_SQL, [...tenantParams(scope), id]);
  if (rows.length === 0) throw notFound();
}

export async function findRequestOrNotFound(scope: TenantScope, id: string, client: Client = db) {
  assertIdShape(id);
  const request = await client.paymentRequest.findFirst({ where: { id, ...tenantWhere(scope) } });
  if (!request) throw notFound();
  return request;
}
