// Merchant sessions: a next-auth session of kind "merchant" names the merchant and the wallet that
// signed in (lib/auth/session/session-token.ts). Every request re-reads the merchant, and the session is
// only honoured while the merchant's current payout wallet is still the one that signed in:
// changing the wallet (which signs the merchant in again for the new one) ends old sessions, and
// so does signing out (lib/auth/session/revoked-sessions.ts).
import { db } from "@/lib/db";
import type { Merchant, Partner } from "@/lib/generated/prisma/client";
import { isSessionRevoked } from "@/lib/auth/session/revoked-sessions";
import { claimsFromRequest, type SessionClaims } from "@/lib/auth/session/session-token";

export interface MerchantSession {
  merchant: Merchant;
  partner: Partner;
}

/**
 * Resolves decoded session claims to the signed-in merchant, or null (no session, a console
 * session, a signed-out session, or a merchant whose wallet changed). Every dashboard query filters by
 * `session.merchant.id` — this is the only place a merchant id enters the dashboard.
 */
export async function resolveMerchantSession(claims: SessionClaims | null): Promise<MerchantSession | null> {
  if (!claims || claims.kind !== "merchant") return null;
  const [merchant, revoked] = await Promise.all([
    db.merchant.findUnique({ where: { id: claims.sub }, include: { partner: true } }),
    isSessionRevoked(claims.sid),
  ]);
  if (!merchant || revoked || merchant.onboardingStatus !== "complete" || merchant.walletAddress !== claims.wallet) return null;
  const { partner, ...rest } = merchant;
  return { merchant: rest, partner };
}

/** For route handlers (e.g. the CSV export): the merchant session carried by a request's cookie. */
export async function merchantSessionFromRequest(req: Request): Promise<MerchantSession | null> {
  return resolveMerchantSession(await claimsFromRequest(req));
}
