// The console session in server components and server actions (next-auth's auth()), and signing
// in and out through next-auth. Route handlers use consoleSessionFromRequest instead.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth, signIn as nextAuthSignIn, SignInRefused } from "@/lib/auth/session/next-auth";
import { parseClaims } from "@/lib/auth/session/session-token";
import { clientIpFrom } from "@/lib/rate-limit/client-ip";
import { resolveConsoleSession, type ConsoleSession } from "@/lib/auth/console/session";
import { db } from "@/lib/db";
import type { User } from "@/lib/generated/prisma/client";
import { normalizeEmail, SignInError } from "@/lib/auth/console/sign-in";

export async function currentConsoleSession(): Promise<ConsoleSession | null> {
  return resolveConsoleSession(parseClaims(await auth()));
}

/**
 * Signs in through next-auth's "console" provider (which runs lib/auth/console/sign-in.ts), sets
 * the session cookie and returns the user. Refusals come back as the SignInError the rules throw.
 */
export async function startConsoleSession(email: string, password: string): Promise<User> {
  try {
    // redirect: false — the caller decides where to go; next-auth must not throw NEXT_REDIRECT here.
    await nextAuthSignIn("console", { email, password, redirect: false, redirectTo: "/" });
    // The new cookie is not visible to auth() within this request; the user it names is the one
    // the provider just accepted for this email.
    return await db.user.findUniqueOrThrow({ where: { email: normalizeEmail(email) } });
  } catch (err) {
    if (err instanceof SignInRefused && (err.reason === "invalid" || err.reason === "locked" || err.reason === "throttled")) {
      throw new SignInError(err.reason);
    }
    throw err;
  }
}

/** For admin pages: the session, or the sign-in screen (pages only; actions re-check). */
export async function adminPageSession(): Promise<ConsoleSession> {
  const s = await currentConsoleSession();
  if (!s || s.user.role !== "admin") redirect("/admin/sign-in");
  return s;
}

export async function partnerPageSession(): Promise<ConsoleSession & { partner: NonNullable<ConsoleSession["partner"]> }> {
  const s = await currentConsoleSession();
  if (!s || s.user.role !== "partner_member" || !s.partner) redirect("/partner/sign-in");
  return s as ConsoleSession & { partner: NonNullable<ConsoleSession["partner"]> };
}

/** The client address for throttling (see clientIpFrom). */
export async function clientIp(): Promise<string> {
  return clientIpFrom(await headers());
}
