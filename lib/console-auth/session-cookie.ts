// Console sessions: a small HMAC-signed cookie rather than next-auth. next-auth 5 beta's Credentials
// provider works only with JWT sessions and routes sign-in through its own handlers and redirects,
// which makes the server-side checks we need (lockout, per-IP throttle, disabled users, the DB as
// the source of truth on every request) awkward to express and to test. A signed cookie names the
// user and an expiry; every request re-reads the user (lib/console-auth/session.ts), so disabling a
// user or partner ends their sessions at once. Same construction as the merchant session cookie,
// with its own purpose-bound key so the two MACs can never be swapped.
import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";

export const CONSOLE_SESSION_COOKIE = "jopay_console";
export const CONSOLE_SESSION_TTL_MS = 12 * 60 * 60_000;

export interface ConsoleSessionPayload {
  /** user id */
  sub: string;
  /** expiry, epoch ms */
  exp: number;
}

function key(): Buffer {
  const secret = config().JOPAY_SECRET ?? "jopay-development-only-secret-not-for-production";
  return createHmac("sha256", secret).update("console-session:v1").digest();
}

const mac = (body: string) => createHmac("sha256", key()).update(body).digest("base64url");

export function sealConsoleSession(userId: string, now = Date.now()): { value: string; expires: Date } {
  const payload: ConsoleSessionPayload = { sub: userId, exp: now + CONSOLE_SESSION_TTL_MS };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return { value: `${body}.${mac(body)}`, expires: new Date(payload.exp) };
}

/** The payload if the cookie value is authentic and unexpired; null for anything else. */
export function openConsoleSession(value: string | undefined | null, now = Date.now()): ConsoleSessionPayload | null {
  if (!value || value.length > 1000) return null;
  const [body, sig, ...rest] = value.split(".");
  if (!body || !sig || rest.length) return null;
  const expected = Buffer.from(mac(body));
  const actual = Buffer.from(sig);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Partial<ConsoleSessionPayload>;
    if (typeof p.sub !== "string" || typeof p.exp !== "number" || p.exp <= now) return null;
    return { sub: p.sub, exp: p.exp };
  } catch {
    return null;
  }
}

/** httpOnly, SameSite=Lax (server actions are POSTs from our own origin), Secure on https. */
export function consoleCookieOptions(expires: Date) {
  return { httpOnly: true, sameSite: "lax" as const, secure: config().APP_URL.startsWith("https://"), path: "/", expires };
}
