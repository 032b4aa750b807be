import { tenantWhere, type TenantScope } from "@/lib/tenancy";
import { db } from "@/lib/db";
import type { ListEventsQuery } from "@/lib/schemas/event";

/** The caller's events in its mode, newest first, with their deliveries (no attempt log). */
export async function listEvents(scope: TenantScope, q: ListEventsQuery) {
  const rows = await db.event.findMany({
    where: {
      ...tenantWhere(scope),
      ...(q.type ? { type: q.type } : {}),
      ...(q.since || q.until ? { createdAt: { ...(q.since ? { gte: q.since } : {}), ...(q.until ? { lt: q.until } : {}) } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: q.offset,
    take: q.limit + 1,
    include: { deliveries: { orderBy: { createdAt: "asc" } } },
  });
  return { events: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}
