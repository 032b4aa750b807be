// Event lookup confined to the caller's partner and mode (same 404 for missing, foreign, other-mode
// and malformed ids), with its deliveries and their attempt log.
import { notFound, tenantWhere, type TenantScope } from "@/lib/tenancy";
import { db } from "@/lib/db";

export const EVENT_ID_RE = /^evt_[0-9a-f]{32}$/;

export async function findEventOrNotFound(scope: TenantScope, id: string) {
  if (!EVENT_ID_RE.test(id)) throw notFound();
  const event = await db.event.findFirst({
    where: { id, ...tenantWhere(scope) },
    include: {
      deliveries: { orderBy: { createdAt: "asc" }, include: { attempts: { orderBy: { attemptNumber: "asc" } } } },
    },
  });
  if (!event) throw notFound();
  return event;
}
