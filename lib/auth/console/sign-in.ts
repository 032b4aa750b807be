// Email + password sign-in for the console (SPEC §1: admins and partner members). Throttled twice:
// per account (5 consecutive failures lock it for 15 minutes) and per client IP (through the shared
// rate-limit store, so it holds across web instances). Every refusal except the lock and the IP
// limit reads the same, so the form is no oracle for which emails exist or which users are disabled.
import { limitSubject } from "@/lib/rate-limit/client-ip";
import { counterStore, hit, type CounterStore } from "@/lib/rate-limit/counters";
import { db } from "@/lib/db";
import type { User } from "@/lib/generated/prisma/client";
import { hashPassword, verifyPassword } from "@/lib/users/password";

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;
export const IP_ATTEMPTS_PER_WINDOW = 30;
export const IP_WINDOW_MS = 15 * 60_000;

export class SignInError extends Error {
  constructor(readonly reason: "invalid" | "locked" | "throttled") {
    super(
      reason === "invalid"
        ? "Invalid email or password."
        : reason === "locked"
          ? "Too many failed attempts. This account is locked for 15 minutes."
          : "Too many sign-in attempts from your network. Try again later.",
    );
  }
}

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  /** Injected by tests; the process-wide store otherwise. */
  store?: CounterStore;
  now?: Date;
}

/** Emails are stored lower-cased (lib/users); the form accepts any case and stray spaces. */
export const normalizeEmail = (email: unknown) => String(email).trim().toLowerCase().slice(0, 254);

// Verified against when the email is unknown, so that case costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

export async function signIn(input: SignInInput): Promise<User> {
  const now = input.now ?? new Date();
  const store = input.store ?? (await counterStore());
  const ipLimit = await hit(store, `console-sign-in:${limitSubject(input.ip)}`, IP_ATTEMPTS_PER_WINDOW, IP_WINDOW_MS, now.getTime());
  if (!ipLimit.allowed) throw new SignInError("throttled");

  const email = normalizeEmail(input.email);
  const password = String(input.password).slice(0, 200);
  const user = await db.user.findUnique({ where: { email } });
  if (!user) {
    dummyHash ??= hashPassword("jopay-timing-equaliser");
    await verifyPassword(await dummyHash, password);
    throw new SignInError("invalid");
  }
  if (user.lockedUntil && user.lockedUntil > now) throw new SignInError("locked");

  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok) {
    const locked = await recordFailure(user.id, now);
    throw new SignInError(locked ? "locked" : "invalid");
  }
  // A disabled user (or one of a disabled partner) gets the generic answer, after the password check.
  if (user.disabled) throw new SignInError("invalid");
  if (user.role === "partner_member") {
    const partner = user.partnerId ? await db.partner.findUnique({ where: { id: user.partnerId } }) : null;
    if (!partner || partner.disabled) throw new SignInError("invalid");
  }
  return db.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now } });
}

/** One atomic UPDATE, so concurrent wrong guesses cannot slip past the lock. True if this one locked. */
async function recordFailure(userId: string, now: Date): Promise<boolean> {
  const until = new Date(now.getTime() + LOCK_MS);
  const rows = await db.$queryRaw<{ locked: boolean }[]>`
    UPDATE users SET
      "failedLoginCount" = CASE WHEN "failedLoginCount" + 1 >= ${MAX_FAILED_LOGINS} THEN 0 ELSE "failedLoginCount" + 1 END,
      "lockedUntil" = CASE WHEN "failedLoginCount" + 1 >= ${MAX_FAILED_LOGINS} THEN ${until} ELSE "lockedUntil" END,
      "updatedAt" = ${now}
    WHERE id = ${userId}::uuid
    RETURNING ("lockedUntil" IS NOT NULL AND "lockedUntil" > ${now}) AS locked`;
  return rows[0]?.locked === true;
}
