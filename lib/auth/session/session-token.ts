// The next-auth session token shared by the merchant dashboard and the console: one encrypted JWT
// (next-auth's own format, A256CBC-HS512 under a key HKDF-derived from JOPAY_SECRET with the cookie
// name as salt) in one cookie. It carries only who signed in and which sign-in it was —
// { kind, sub, wallet?, sid } plus the standard iat/exp/jti — and callers re-read the user or
// merchant from the database on every request (lib/auth/console/session.ts,
// lib/auth/merchant/session.ts), so disabling a user or partner, changing a merchant's wallet or
// signing out (lib/auth/session/revoked-sessions.ts) ends a session at once.
//
// Framework-free on purpose (only next-auth/jwt, no next/headers): route handlers tested in-process
// and the tests themselves decode and mint tokens with exactly what next-auth uses.
import { decode, encode, getToken, type JWTEncodeParams } from "next-auth/jwt";
import { z } from "zod";
import { appSecret } from "@/lib/app-secret";
import { config } from "@/lib/config";
import { UUID_RE } from "@/lib/ids";
import { SESSION_ID_RE } from "@/lib/auth/session/revoked-sessions";
import { STORED_ADDRESS_RE } from "@/lib/schemas/hex";

/** Sessions end 12 hours after sign-in, however active they are (see encodeKeepingExpiry). */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

const sid = z.string().regex(SESSION_ID_RE);
const claimsSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("console"), sub: z.string().regex(UUID_RE), sid }).strict(),
  z.object({ kind: z.literal("merchant"), sub: z.string().regex(UUID_RE), wallet: z.string().regex(STORED_ADDRESS_RE), sid }).strict(),
]);

/** What a session token says about its holder; nothing else is trusted from it. */
export type SessionClaims = z.infer<typeof claimsSchema>;

/** The claims of a decoded token (standard JWT fields ignored), or null if they are not exactly ours. */
export function parseClaims(token: unknown): SessionClaims | null {
  if (typeof token !== "object" || token === null) return null;
  const { kind, sub, wallet, sid } = token as Record<string, unknown>;
  const parsed = claimsSchema.safeParse(wallet === undefined ? { kind, sub, sid } : { kind, sub, wallet, sid });
  return parsed.success ? parsed.data : null;
}

export const secureCookies = () => config().APP_URL.startsWith("https://");

/**
 * The session cookie's name and attributes: httpOnly, SameSite=Lax (server actions are same-origin
 * POSTs), Secure with the `__Secure-` prefix when APP_URL is https. The name is also the JWT salt.
 */
export function sessionCookie() {
  const secure = secureCookies();
  return {
    name: secure ? "__Secure-jopay.session-token" : "jopay.session-token",
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

/**
 * next-auth re-encodes the token whenever its session endpoint is read, with a fresh `exp` (a
 * sliding session). We keep the first expiry instead: a token that already has one keeps it, so a
 * session can never be stretched past SESSION_MAX_AGE_S after sign-in by polling /api/auth/session.
 */
export async function encodeKeepingExpiry(params: JWTEncodeParams): Promise<string> {
  const exp = params.token?.exp;
  const maxAge = typeof exp === "number" ? Math.max(0, exp - Math.floor(Date.now() / 1000)) : (params.maxAge ?? SESSION_MAX_AGE_S);
  return encode({ ...params, maxAge });
}

/** Decodes a session token value; null if forged, tampered, expired or not ours. */
export async function claimsFromToken(value: string | undefined | null): Promise<SessionClaims | null> {
  if (!value || value.length > 4000) return null;
  try {
    return parseClaims(await decode({ token: value, secret: appSecret(), salt: sessionCookie().name }));
  } catch {
    return null;
  }
}

/**
 * The session claims of a raw Request (route handlers), read from the session cookie only — the
 * Cookie header is the only thing passed on, so getToken's `Authorization: Bearer` fallback (where
 * API keys live) never applies.
 */
export async function claimsFromRequest(req: Request): Promise<SessionClaims | null> {
  const cookie = req.headers.get("cookie");
  if (!cookie) return null;
  const { name } = sessionCookie();
  const token = await getToken({ req: { headers: new Headers({ cookie }) }, secret: appSecret(), cookieName: name, salt: name, secureCookie: secureCookies() });
  return parseClaims(token);
}
