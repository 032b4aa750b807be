// Stateless signed cookies: `<base64url JSON payload>.<HMAC>` with an expiry inside the payload.
// Used for merchant (SIWE) and console sessions; each kind passes its own purpose so their MACs
// are not interchangeable. Callers re-read the subject from the database on every request, so a
// disabled user or a changed wallet ends a session at once.
import { config } from "@/lib/config";
import { hmacBase64url, macEquals } from "./app-secret";

export interface SignedPayload {
  /** subject id */
  sub: string;
  /** expiry, epoch ms */
  exp: number;
}

export function sealCookie<P extends SignedPayload>(purpose: string, payload: P): { value: string; expires: Date } {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return { value: `${body}.${hmacBase64url(purpose, body)}`, expires: new Date(payload.exp) };
}

/** The payload if the value is authentic and unexpired; null for anything else. */
export function openCookie(purpose: string, value: string | undefined | null, now = Date.now()): Record<string, unknown> | null {
  if (!value || value.length > 2000) return null;
  const [body, sig, ...rest] = value.split(".");
  if (!body || !sig || rest.length) return null;
  if (!macEquals(hmacBase64url(purpose, body), sig)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof p !== "object" || p === null || typeof p.sub !== "string" || typeof p.exp !== "number" || p.exp <= now) return null;
    return p;
  } catch {
    return null;
  }
}

/** httpOnly, SameSite=Lax (server actions are same-origin POSTs), Secure when served over https. */
export function sessionCookieOptions(expires: Date) {
  return { httpOnly: true, sameSite: "lax" as const, secure: config().APP_URL.startsWith("https://"), path: "/", expires };
}
