// Merchant sessions: a small signed cookie rather than next-auth. The payload names the merchant,
// the wallet that signed in and an expiry; an HMAC-SHA256 under a key derived from JOPAY_SECRET
// makes it unforgeable. Stateless and framework-free, so the same code serves server components,
// server actions and route handlers, and integration tests can exercise it with plain Requests.
//
// A session is only honoured while the merchant's current payout wallet is still the one that
// signed in: changing the wallet (which re-issues the session) or losing it ends old sessions.
import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";
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

function key(): Buffer {
  const secret = config().JOPAY_SECRET ?? "jopay-development-only-secret-not-for-production";
  // A purpose-bound key, so this MAC can never be confused with another HMAC made from the secret.
  return createHmac("sha256", secret).update("merchant-session:v1").digest();
}

const mac = (body: string) => createHmac("sha256", key()).update(body).digest("base64url");

export function sealMerchantSession(merchantId: string, wallet: string, now = Date.now()): { value: string; expires: Date } {
  const payload: MerchantSessionPayload = { sub: merchantId, wallet: wallet.toLowerCase(), exp: now + MERCHANT_SESSION_TTL_MS };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return { value: `${body}.${mac(body)}`, expires: new Date(payload.exp) };
}

/** The payload if the cookie value is authentic and unexpired; null for anything else. */
export function openMerchantSession(value: string | undefined | null, now = Date.now()): MerchantSessionPayload | null {
  if (!value || value.length > 1000) return null;
  const [body, sig, ...rest] = value.split(".");
  if (!body || !sig || rest.length) return null;
  const expected = Buffer.from(mac(body));
  const actual = Buffer.from(sig);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Partial<MerchantSessionPayload>;
    if (typeof p.sub !== "string" || typeof p.wallet !== "string" || typeof p.exp !== "number") return null;
    if (p.exp <= now) return null;
    return { sub: p.sub, wallet: p.wallet, exp: p.exp };
  } catch {
    return null;
  }
}

/** Cookie attributes: httpOnly, SameSite=Lax, Secure when the app is served over https. */
export function sessionCookieOptions(expires: Date) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: config().APP_URL.startsWith("https://"),
    path: "/",
    expires,
  };
}

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
