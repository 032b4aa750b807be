// What the admin portal reads: everything, across partners — behind requireAdmin.
import { config } from "@/lib/config";
import { requireAdmin } from "@/lib/auth/console/require";
import type { ConsoleSession } from "@/lib/auth/console/session";
import { db } from "@/lib/db";
import { SUPPORTED_CURRENCIES } from "@/lib/fx/currencies";
import { lastUsedRates } from "@/lib/fx/last-used-rates";
import { fxStatus } from "@/lib/fx/rates";
import { readiness } from "@/lib/health/readiness";
import type { Prisma } from "@/lib/generated/prisma/client";
import { UUID_RE } from "@/lib/ids";

type Ctx = { session: ConsoleSession | null };

export async function adminPartners(ctx: Ctx) {
  requireAdmin(ctx.session);
  return db.partner.findMany({ orderBy: { createdAt: "desc" }, include: { _count: { select: { merchants: true, users: true } } } });
}

export async function adminPartner(ctx: Ctx, id: string) {
  requireAdmin(ctx.session);
  if (!UUID_RE.test(id)) return null;
  return db.partner.findUnique({
    where: { id },
    include: {
      users: { orderBy: { createdAt: "asc" }, select: { id: true, email: true, name: true, disabled: true, lastLoginAt: true, lockedUntil: true } },
      invites: { where: { acceptedAt: null }, orderBy: { createdAt: "desc" }, select: { id: true, email: true, expiresAt: true } },
    },
  });
}

export async function adminUsers(ctx: Ctx) {
  requireAdmin(ctx.session);
  return db.user.findMany({ orderBy: { createdAt: "desc" }, take: 200, include: { partner: { select: { slug: true } } } });
}

const text = (s: string) => ({ contains: s, mode: "insensitive" as const });

export async function adminMerchants(ctx: Ctx, search?: string) {
  requireAdmin(ctx.session);
  const s = search?.trim().slice(0, 100);
  const where: Prisma.MerchantWhereInput = s
    ? { OR: [{ businessName: text(s) }, { displayName: text(s) }, { email: text(s) }, { walletAddress: { contains: s.toLowerCase() } }, { partner: { slug: text(s) } }, ...(UUID_RE.test(s) ? [{ id: s }] : [])] }
    : {};
  return db.merchant.findMany({ where, orderBy: { createdAt: "desc" }, take: 100, include: { partner: { select: { slug: true, currency: true } } } });
}

export async function adminRequests(ctx: Ctx, search?: string) {
  requireAdmin(ctx.session);
  const s = search?.trim().slice(0, 100);
  const where: Prisma.PaymentRequestWhereInput = s
    ? UUID_RE.test(s)
      ? { OR: [{ id: s }, { merchantId: s }, { partnerId: s }] }
      : { OR: [{ memo: text(s) }, { customerName: text(s) }, { txHash: s.toLowerCase() }, { partner: { slug: text(s) } }, { merchant: { businessName: text(s) } }] }
    : {};
  return db.paymentRequest.findMany({ where, orderBy: { createdAt: "desc" }, take: 100, include: { partner: { select: { slug: true } }, merchant: { select: { businessName: true } } } });
}

export async function adminAuditLog(ctx: Ctx, filter: { partnerId?: string; action?: string } = {}) {
  requireAdmin(ctx.session);
  return db.auditLog.findMany({
    where: { ...(filter.partnerId && UUID_RE.test(filter.partnerId) ? { partnerId: filter.partnerId } : {}), ...(filter.action ? { action: { contains: filter.action } } : {}) },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
}

/**
 * System health: the readiness checks (the same as /api/health/ready), worker heartbeat lag, webhook
 * backlog, chain cursors vs head, and the FX rates creates use now — from the configured source,
 * static table included (fx_rates is not where they live).
 */
export async function adminHealth(ctx: Ctx) {
  requireAdmin(ctx.session);
  const now = new Date();
  const [ready, heartbeats, pending, oldestPending, failed, cursors, fx] = await Promise.all([
    readiness(now),
    db.workerHeartbeat.findMany({ orderBy: [{ loop: "asc" }, { workerId: "asc" }] }),
    db.webhookDelivery.count({ where: { status: "pending" } }),
    db.webhookDelivery.findFirst({ where: { status: "pending" }, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true } }),
    db.webhookDelivery.count({ where: { status: "failed" } }),
    db.chainCursor.findMany({ orderBy: { chainId: "asc" } }),
    fxStatus(now),
  ]);
  // Whatever the source: with none of its rates to show, the rates requests were last priced with.
  const quoted = new Set(fx.rates.map((r) => r.currency));
  const lastUsed = fx.rates.length ? [] : await lastUsedRates(now);
  const notQuoted = SUPPORTED_CURRENCIES.filter((c) => !quoted.has(c));
  return { ready, heartbeats, pending, oldestPendingAt: oldestPending?.nextAttemptAt ?? null, failed, cursors, fx, lastUsed, notQuoted, fxMaxAgeMinutes: config().FX_MAX_AGE_MINUTES };
}
