// Webhook health as the partner console's overview shows it: which of the partner's endpoints (in
// one mode) need attention and why — disabled (by the 5-day rule or by hand), failing now (a failing
// streak in progress), or with failed attempts in the recent window — each with its latest failure,
// so the console can name the endpoint and link to it. Healthy endpoints are only counted.
import { tenantWhere, type TenantScope } from "@/lib/tenancy";
import { db } from "@/lib/db";

export const WEBHOOK_HEALTH_WINDOW_HOURS = 24;

export interface EndpointProblem {
  endpointId: string;
  url: string;
  description: string | null;
  disabled: boolean;
  disabledReason: string | null;
  failingSince: Date | null;
  /** Failed attempts within the window. */
  failedAttempts: number;
  lastFailure: { at: Date; statusCode: number | null; error: string | null } | null;
}

export interface WebhookHealth {
  endpoints: number;
  pendingDeliveries: number;
  failedDeliveries: number;
  /** Disabled first, then failing, then by failed attempts (most first). */
  problems: EndpointProblem[];
  windowHours: number;
}

export async function webhookHealth(scope: TenantScope, opts: { now?: Date } = {}): Promise<WebhookHealth> {
  const since = new Date((opts.now ?? new Date()).getTime() - WEBHOOK_HEALTH_WINDOW_HOURS * 3600_000);
  const endpoints = await db.webhookEndpoint.findMany({
    where: tenantWhere(scope),
    select: { id: true, url: true, description: true, disabled: true, disabledReason: true, failingSince: true },
  });
  const ids = endpoints.map((e) => e.id);
  // Attempts are filtered by the scope's own endpoint ids: an attempt row has no tenant columns.
  const failedWhere = { endpointId: { in: ids }, success: false, createdAt: { gte: since } };
  const [pendingDeliveries, failedDeliveries, counts, latest] = await Promise.all([
    db.webhookDelivery.count({ where: { status: "pending", endpointId: { in: ids } } }),
    db.webhookDelivery.count({ where: { status: "failed", endpointId: { in: ids } } }),
    db.deliveryAttempt.groupBy({ by: ["endpointId"], where: failedWhere, _count: { _all: true } }),
    db.deliveryAttempt.findMany({ where: failedWhere, orderBy: { createdAt: "desc" }, distinct: ["endpointId"], select: { endpointId: true, createdAt: true, statusCode: true, error: true } }),
  ]);
  const countOf = new Map(counts.map((c) => [c.endpointId, c._count._all]));
  const latestOf = new Map(latest.map((a) => [a.endpointId, a]));
  const rank = (p: EndpointProblem) => (p.disabled ? 0 : p.failingSince ? 1 : 2);
  const problems = endpoints
    .map((e): EndpointProblem => {
      const last = latestOf.get(e.id);
      return {
        endpointId: e.id,
        url: e.url,
        description: e.description,
        disabled: e.disabled,
        disabledReason: e.disabledReason,
        failingSince: e.failingSince,
        failedAttempts: countOf.get(e.id) ?? 0,
        lastFailure: last ? { at: last.createdAt, statusCode: last.statusCode, error: last.error } : null,
      };
    })
    .filter((p) => p.disabled || p.failingSince || p.failedAttempts > 0)
    .sort((a, b) => rank(a) - rank(b) || b.failedAttempts - a.failedAttempts || a.url.localeCompare(b.url));
  return { endpoints: endpoints.length, pendingDeliveries, failedDeliveries, problems, windowHours: WEBHOOK_HEALTH_WINDOW_HOURS };
}
