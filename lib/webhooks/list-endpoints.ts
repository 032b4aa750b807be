import { tenantWhere, type TenantScope } from "@/lib/tenancy";
import { db } from "@/lib/db";
import type { ListWebhookEndpointsQuery } from "@/lib/schemas/webhook-endpoint";

/** The caller's endpoints in its mode, newest first; one extra row tells has_more. */
export async function listWebhookEndpoints(scope: TenantScope, q: ListWebhookEndpointsQuery) {
  const rows = await db.webhookEndpoint.findMany({
    where: tenantWhere(scope),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: q.offset,
    take: q.limit + 1,
  });
  return { endpoints: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}
