// A request's refunds, oldest first: for its API object (`refunds[]`), for lists (one query for a
// page of requests), and GET /api/v1/requests/{id}/refunds.
import { findRequestOrNotFound, notFound, assertIdShape, type TenantScope } from "@/lib/tenancy";
import { db, type Tx } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { Refund } from "@/lib/generated/prisma/client";
import { refundColumns, toRefund } from "./refund-row";

type Client = Tx | typeof db;
const ORDER = [{ createdAt: "asc" as const }, { id: "asc" as const }];

export async function refundsOf(requestId: string, client: Client = db): Promise<Refund[]> {
  return client.refund.findMany({ where: { requestId }, orderBy: ORDER });
}

/** ORDER's order in SQL. Exported for bench:api's bare list, which runs the same statement. */
export const REFUNDS_OF_REQUESTS_SQL = `SELECT ${refundColumns()} FROM refunds WHERE "requestId" = ANY($1::uuid[]) ORDER BY "createdAt", id`;

/**
 * Refunds of many requests in one query, keyed by request id (requests without any are absent).
 * Plain SQL (lib/db/sql.ts): every list page reads it, and through Prisma it cost more CPU than the
 * page's own rows (bench:api).
 */
export async function refundsByRequest(requestIds: readonly string[]): Promise<Map<string, Refund[]>> {
  const out = new Map<string, Refund[]>();
  if (requestIds.length === 0) return out;
  for (const r of (await sql(REFUNDS_OF_REQUESTS_SQL, [requestIds])).map(toRefund)) {
    const list = out.get(r.requestId);
    if (list) list.push(r);
    else out.set(r.requestId, [r]);
  }
  return out;
}

/** Partner API: the refunds of one of the tenant's requests (404 for anything else). */
export async function listRefunds(scope: TenantScope, requestId: string): Promise<Refund[]> {
  await findRequestOrNotFound(scope, requestId);
  return refundsOf(requestId);
}

/** Merchant dashboard: the refunds of one of the merchant's own requests. */
export async function listMerchantRefunds(merchantId: string, requestId: string): Promise<Refund[]> {
  assertIdShape(requestId);
  const request = await db.paymentRequest.findFirst({ where: { id: requestId, merchantId }, select: { id: true } });
  if (!request) throw notFound();
  return refundsOf(requestId);
}
