// The admin portal's search box: one query across partners, merchants and requests by id — the
// whole id, or its first characters (at least 4 hex digits, dashes optional) — and partners by slug.
// Admins see every partner, so each hit carries its own partner and mode, read from the hit's own
// row: an id is never shown under another partner's name.
import { requireAdmin } from "@/lib/auth/console/require";
import type { ConsoleSession } from "@/lib/auth/console/session";
import { db } from "@/lib/db";

const LIMIT = 20;
export const MIN_PREFIX = 4;

/**
 * An id prefix as the range of UUIDs that start with it, or null when `q` is not one. UUIDs sort
 * by their bytes in PostgreSQL, which is the order of their hex digits, so the primary key's
 * index answers a prefix with a range scan (no cast to text, no sequential scan).
 */
export function idPrefixRange(q: string): { from: string; to: string; exact: boolean } | null {
  const hex = q.trim().toLowerCase().replaceAll("-", "");
  if (!/^[0-9a-f]+$/.test(hex) || hex.length < MIN_PREFIX || hex.length > 32) return null;
  const uuid = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return { from: uuid(hex.padEnd(32, "0")), to: uuid(hex.padEnd(32, "f")), exact: hex.length === 32 };
}

const partnerOf = { select: { id: true, slug: true, name: true } } as const;

export async function adminSearch(ctx: { session: ConsoleSession | null }, raw: string | undefined) {
  requireAdmin(ctx.session);
  const q = (raw ?? "").trim().slice(0, 100);
  const range = idPrefixRange(q);
  const slug = /^[a-z0-9-]{2,40}$/i.test(q) ? q.toLowerCase() : null;
  if (!range && !slug) return { q, partners: [], merchants: [], requests: [], searched: q.length > 0 };
  const byId = range ? { id: { gte: range.from, lte: range.to } } : null;
  const [partners, merchants, requests] = await Promise.all([
    db.partner.findMany({
      where: { OR: [...(byId ? [byId] : []), ...(slug ? [{ slug: { startsWith: slug } }] : [])] },
      orderBy: { id: "asc" },
      take: LIMIT,
      select: { id: true, slug: true, name: true, disabled: true },
    }),
    byId
      ? db.merchant.findMany({ where: byId, orderBy: { id: "asc" }, take: LIMIT, select: { id: true, businessName: true, displayName: true, testMode: true, onboardingStatus: true, disabled: true, partner: partnerOf } })
      : [],
    byId
      ? db.paymentRequest.findMany({
          where: byId,
          orderBy: { id: "asc" },
          take: LIMIT,
          select: { id: true, testMode: true, status: true, proofStatus: true, fiatAmountInt: true, fiatCode: true, createdAt: true, partner: partnerOf, merchant: { select: { id: true, businessName: true, displayName: true } } },
        })
      : [],
  ]);
  return { q, partners, merchants, requests, searched: true };
}
