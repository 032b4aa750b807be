// Listing a partner's merchants in one mode (seeds: merchants-api "List merchants"): newest first,
// offset pagination, has_more from fetching one row beyond the page.
import { tenantWhere, type TenantScope } from "@/lib/tenancy";
import { db } from "@/lib/db";
import type { ListMerchantsQuery } from "@/lib/schemas/merchant";

export async function listMerchants(scope: TenantScope, q: ListMerchantsQuery) {
  const rows = await db.merchant.findMany({
    where: {
      ...tenantWhere(scope),
      ...(q.onboarding_status ? { onboardingStatus: q.onboarding_status } : {}),
      ...(q.disabled !== undefined ? { disabled: q.disabled } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: q.offset,
    take: q.limit + 1,
  });
  return { merchants: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}
