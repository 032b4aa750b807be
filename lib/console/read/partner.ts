// What the partner console screens read. Every function starts from partnerScope(ctx), so a page
// can only ever see its member's own partner in the mode the toggle selects.
import { findRequestOrNotFound, tenantWhere } from "@/lib/tenancy";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { presentMerchants } from "@/lib/merchants/present-merchants";
import { partnerSalesSummary } from "@/lib/merchants/sales-summary";
import { stuckOnboarding } from "@/lib/merchants/stuck-onboarding";
import { presentRequest, presentRequests } from "@/lib/requests/get-request";
import { listRequests } from "@/lib/requests/list-requests";
import { listRequestsQuery } from "@/lib/schemas/request";
import { serializeEndpoint } from "@/lib/webhooks/serialize-endpoint";
import { webhookHealth } from "@/lib/webhooks/webhook-health";
import { partnerScope, type ConsoleCtx } from "../context";
import { keySummary } from "../actions/api-keys";

/**
 * The overview: counts, the last 30 days' verified volume in USDC and payments per day (UTC days, as
 * every console time is UTC) from the merchant dashboard's own summary, webhook health naming the
 * endpoints that need attention, and merchants stuck in onboarding.
 */
export async function partnerOverview(ctx: ConsoleCtx, opts: { now?: Date } = {}) {
  const { scope } = partnerScope(ctx);
  const where = tenantWhere(scope);
  const now = opts.now ?? new Date();
  const [merchants, requests, summary, webhooks, stuck, notices] = await Promise.all([
    db.merchant.count({ where }),
    db.paymentRequest.count({ where }),
    partnerSalesSummary(scope, { now, timeZone: "UTC" }),
    webhookHealth(scope, { now }),
    stuckOnboarding(scope, { now }),
    db.partnerNotice.findMany({ where: { partnerId: scope.partnerId, readAt: null }, orderBy: { createdAt: "desc" }, take: 5 }),
  ]);
  return { merchants, requests, summary, webhooks, stuck, notices };
}

export async function partnerKeys(ctx: ConsoleCtx) {
  const { scope } = partnerScope(ctx);
  const rows = await db.apiKey.findMany({ where: { partnerId: scope.partnerId, mode: scope.testMode ? "test" : "live" }, orderBy: { createdAt: "desc" } });
  return rows.map((k) => ({ ...keySummary(k), last_used_at: k.lastUsedAt, created_at: k.createdAt }));
}

export async function partnerMerchants(ctx: ConsoleCtx, q: { search?: string; offset?: number }) {
  const { partner, scope } = partnerScope(ctx);
  const search = q.search?.trim().slice(0, 100);
  const where: Prisma.MerchantWhereInput = {
    ...tenantWhere(scope),
    ...(search
      ? {
          OR: [
            { businessName: { contains: search, mode: "insensitive" } },
            { displayName: { contains: search, mode: "insensitive" } },
            { email: { contains: search, mode: "insensitive" } },
            { walletAddress: { contains: search.toLowerCase() } },
            ...(/^[0-9a-f-]{36}$/i.test(search) ? [{ id: search }] : []),
          ],
        }
      : {}),
  };
  const rows = await db.merchant.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: q.offset ?? 0, take: 51 });
  return { merchants: await presentMerchants(partner.slug, rows.slice(0, 50)), hasMore: rows.length > 50 };
}

/** The API's list filters, parsed by the API's own query schema (bad values are simply dropped). */
export async function partnerRequests(ctx: ConsoleCtx, query: Record<string, string | undefined>) {
  const { scope } = partnerScope(ctx);
  const clean = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = listRequestsQuery.safeParse(clean);
  const q = parsed.success ? parsed.data : listRequestsQuery.parse({});
  const { requests, hasMore } = await listRequests(scope, q);
  return { requests: await presentRequests(requests), hasMore, query: q, invalid: !parsed.success };
}

/** One request with its event timeline and every delivery attempt of those events. */
export async function partnerRequestDetail(ctx: ConsoleCtx, id: string) {
  const { scope } = partnerScope(ctx);
  const row = await findRequestOrNotFound(scope, id);
  const [request, events, merchant] = await Promise.all([
    presentRequest(row),
    db.event.findMany({
      where: { requestId: row.id, ...tenantWhere(scope) },
      orderBy: { createdAt: "asc" },
      include: { deliveries: { include: { endpoint: { select: { url: true } }, attempts: { orderBy: { attemptNumber: "asc" } } } } },
    }),
    db.merchant.findUnique({ where: { id: row.merchantId }, select: { businessName: true, displayName: true } }),
  ]);
  return { request, events, merchant, createdVia: row.createdVia };
}

export async function partnerEndpoints(ctx: ConsoleCtx) {
  const { scope } = partnerScope(ctx);
  const rows = await db.webhookEndpoint.findMany({ where: tenantWhere(scope), orderBy: { createdAt: "desc" } });
  return rows.map((e) => ({ ...serializeEndpoint(e), failing_since: e.failingSince }));
}

/** The delivery log: recent deliveries of the partner's events with their attempts (response excerpts). */
export async function partnerDeliveries(ctx: ConsoleCtx, opts: { endpointId?: string; take?: number } = {}) {
  const { scope } = partnerScope(ctx);
  return db.webhookDelivery.findMany({
    where: { endpoint: tenantWhere(scope), ...(opts.endpointId ? { endpointId: opts.endpointId } : {}) },
    orderBy: { updatedAt: "desc" },
    take: opts.take ?? 50,
    include: { event: { select: { id: true, type: true, requestId: true, createdAt: true } }, endpoint: { select: { url: true } }, attempts: { orderBy: { attemptNumber: "desc" }, take: 5 } },
  });
}

export async function partnerTeam(ctx: ConsoleCtx) {
  const { partner } = partnerScope(ctx);
  const [members, invites] = await Promise.all([
    db.user.findMany({ where: { partnerId: partner.id }, orderBy: { createdAt: "asc" }, select: { id: true, email: true, name: true, disabled: true, lastLoginAt: true, createdAt: true } }),
    db.invite.findMany({ where: { partnerId: partner.id, acceptedAt: null, expiresAt: { gt: new Date() } }, orderBy: { createdAt: "desc" }, select: { id: true, email: true, expiresAt: true } }),
  ]);
  return { members, invites };
}
