// Merchant sessions: a small signed cookie rather than next-auth. The payload names the merchant,
// the wallet that signed in and an expiry; an HMAC-SHA256 under a key derived from JOPAY_SECRET
// makes it unforgeable. Stateless and framework-free, so the same code serves server components,
// server actions and route handlers, and integration tests can exercise it with plain Requests.
//
// A session is only honoured while the merchant's current payout wallet is still the one that
// signed in: changing the wallet (which re-issues the session) or losing it ends old sessions.
import { openCookie, sealCookie, sessionCookieOptions } from "@/lib/signed-cookie";
import { db } from "@/lib/db";
import type { Merchant, Partner } from "@/lib/generated/prisma/client";

export const MERCHANT_SESSION_COOKIE = "jopay_merchant";
export const MERCHANT_SESSION_TTL_MS = 12 * 60 * 60_000;

export interface MerchantSessionPayload {
  /** merchant id */
  sub: string;
  /** lower-cased wallet that signed in */
  wallet: string;
  /** expiry, epoch ms */
  exp: number;
}

const PURPOSE = "merchant-session:v1";

export function sealMerchantSession(merchantId: string, wallet: string, now = Date.now()): { value: string; expires: Date } {
  return sealCookie<MerchantSessionPayload>(PURPOSE, { sub: merchantId, wallet: wallet.toLowerCase(), exp: now + MERCHANT_SESSION_TTL_MS });
}

/** The payload if the cookie value is authentic and unexpired; null for anything else. */
export function openMerchantSession(value: string | undefined | null, now = Date.now()): MerchantSessionPayload | null {
  const p = openCookie(PURPOSE, value, now);
  if (!p || typeof p.wallet !== "string") return null;
  return { sub: p.sub as string, wallet: p.wallet, exp: p.exp as number };
}

export { sessionCookieOptions };

export interface MerchantSession {
  merchant: Merchant;
  partner: Partner;
}

/**
 * Resolves a cookie value to the signed-in merchant, or null. Every dashboard query filters by
 * `session.merchant.id` — this is the only place a merchant id enters the dashboard.
 */
export async function resolveMerchantSession(value: string | undefined | null, now = Date.now()): Promise<MerchantSession | null> {
  const payload = openMerchantSession(value, now);
  if (!payload) return null;
  const merchant = await db.merchant.findUnique({ where: { id: payload.sub }, include: { partner: true } });
  if (!merchant || merchant.onboardingStatus !== "complete" || merchant.walletAddress !== payload.wallet) return null;
  const { partner, ...rest } = merchant;
  return { merchant: rest, partner };
}

/** Reads our cookie from a raw Cookie header (route handlers). */
export function sessionCookieFromHeader(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === MERCHANT_SESSION_COOKIE) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

export function merchantSessionFromRequest(req: Request): Promise<MerchantSession | null> {
  return resolveMerchantSession(sessionCookieFromHeader(req.headers.get("cookie")));
}
