// Console sessions: a small HMAC-signed cookie rather than next-auth. next-auth 5 beta's Credentials
// provider works only with JWT sessions and routes sign-in through its own handlers and redirects,
// which makes the server-side checks we need (lockout, per-IP throttle, disabled users, the DB as
// the source of truth on every request) awkward to express and to test. A signed cookie names the
// user and an expiry; every request re-reads the user (lib/console-auth/session.ts), so disabling a
// user or partner ends their sessions at once. Same construction as the merchant session cookie,
// with its own purpose-bound key so the two MACs can never be swapped.
import { sealCookie, openCookie, sessionCookieOptions } from "@/lib/signed-cookie";

export const CONSOLE_SESSION_COOKIE = "jopay_console";
export const CONSOLE_SESSION_TTL_MS = 12 * 60 * 60_000;

export interface ConsoleSessionPayload {
  /** user id */
  sub: string;
  /** expiry, epoch ms */
  exp: number;
}

const PURPOSE = "console-session:v1";

export function sealConsoleSession(userId: string, now = Date.now()): { value: string; expires: Date } {
  return sealCookie<ConsoleSessionPayload>(PURPOSE, { sub: userId, exp: now + CONSOLE_SESSION_TTL_MS });
}

/** The payload if the cookie value is authentic and unexpired; null for anything else. */
export function openConsoleSession(value: string | undefined | null, now = Date.now()): ConsoleSessionPayload | null {
  const p = openCookie(PURPOSE, value, now);
  return p ? { sub: p.sub as string, exp: p.exp as number } : null;
}

/** httpOnly, SameSite=Lax (server actions are POSTs from our own origin), Secure on https. */
export const consoleCookieOptions = sessionCookieOptions;
