// Listing a partner's requests in one mode (seeds: requests-api "List requests"): since inclusive,
// until exclusive, newest first, has_more from one extra row. A merchant_id filter must name one of
// the tenant's merchants — anything else is the same 404 as a missing id.
import { findMerchantOrNotFound, tenantWhere, type TenantScope } from "@/lib/api/tenant";
import { db } from "@/lib/db";
import type { ListRequestsQuery } from "@/lib/schemas/request";

export async function listRequests(scope: TenantScope, q: ListRequestsQuery) {
  if (q.merchant_id) await findMerchantOrNotFound(scope, q.merchant_id);
  const createdAt = q.since || q.until ? { ...(q.since ? { gte: q.since } : {}), ...(q.until ? { lt: q.until } : {}) } : undefined;
  const rows = await db.paymentRequest.findMany({
    where: {
      ...tenantWhere(scope),
      ...(q.status ? { status: q.status } : {}),
      ...(q.proof_status ? { proofStatus: q.proof_status } : {}),
      ...(q.merchant_id ? { merchantId: q.merchant_id } : {}),
      ...(createdAt ? { createdAt } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: q.offset,
    take: q.limit + 1,
  });
  return { requests: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}
