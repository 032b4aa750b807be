// Merchants stuck in onboarding: created (invited) by the partner at least `days` days ago and
// still not onboarded, in one mode, oldest first — for the partner console to chase with a fresh
// onboarding link. Disabled merchants are left out: nobody is waiting for them.
import { tenantWhere, type TenantScope } from "@/lib/tenancy";
import { db } from "@/lib/db";

export const STUCK_ONBOARDING_DAYS = 3;
const LIMIT = 20;

export interface StuckMerchant {
  merchantId: string;
  name: string | null;
  email: string | null;
  createdAt: Date;
  /** When the latest onboarding link was issued (null: none since the merchant was created without one). */
  lastLinkAt: Date | null;
}

export async function stuckOnboarding(scope: TenantScope, opts: { now?: Date; days?: number } = {}): Promise<{ merchants: StuckMerchant[]; total: number; days: number }> {
  const days = opts.days ?? STUCK_ONBOARDING_DAYS;
  const before = new Date((opts.now ?? new Date()).getTime() - days * 24 * 3600_000);
  const where = { ...tenantWhere(scope), onboardingStatus: "incomplete" as const, disabled: false, createdAt: { lte: before } };
  const [rows, total] = await Promise.all([
    db.merchant.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: LIMIT,
      select: { id: true, businessName: true, displayName: true, email: true, createdAt: true, onboardingTokens: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } } },
    }),
    db.merchant.count({ where }),
  ]);
  return {
    total,
    days,
    merchants: rows.map((m) => ({ merchantId: m.id, name: m.businessName ?? m.displayName, email: m.email, createdAt: m.createdAt, lastLinkAt: m.onboardingTokens[0]?.createdAt ?? null })),
  };
}
