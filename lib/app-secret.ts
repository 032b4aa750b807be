// JOPAY_SECRET and the purpose-bound keys derived from it. Everything that signs or seals with the
// app secret (sessions, onboarding tokens, webhook-secret sealing) gets its key here, each with
// its own purpose string so one MAC can never stand in for another.
//
// Development and tests may run without JOPAY_SECRET (`npm run dev` generates one into .data/);
// then a fixed, public fallback is used — nothing signed with it is protected. config() refuses to
// start in production without the real secret.
import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";

export const DEV_FALLBACK_SECRET = "jopay-development-only-insecure-secret-do-not-use";

export function appSecret(): string {
  return config().JOPAY_SECRET ?? DEV_FALLBACK_SECRET;
}

/** A 32-byte key for one purpose, e.g. "merchant-session:v1". */
export function purposeKey(purpose: string): Buffer {
  return purposeKeyFrom(appSecret(), purpose);
}

/** purposeKey for a given secret, for launchers that pass keys on before the configuration is read. */
export function purposeKeyFrom(secret: string, purpose: string): Buffer {
  return createHmac("sha256", secret).update(purpose).digest();
}

export function hmacBase64url(purpose: string, message: string): string {
  return createHmac("sha256", purposeKey(purpose)).update(message).digest("base64url");
}

/** Constant-time comparison of two base64url MACs. */
export function macEquals(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
