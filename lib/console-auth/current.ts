// The console session from next/headers (server components and server actions), and the cookie's
// lifecycle. Route handlers and tests use resolveConsoleSession with a cookie value instead.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { resolveConsoleSession, type ConsoleSession } from "./session";
import { CONSOLE_SESSION_COOKIE, consoleCookieOptions, sealConsoleSession } from "./session-cookie";

export async function currentConsoleSession(): Promise<ConsoleSession | null> {
  return resolveConsoleSession((await cookies()).get(CONSOLE_SESSION_COOKIE)?.value);
}

export async function startConsoleSession(userId: string) {
  const { value, expires } = sealConsoleSession(userId);
  (await cookies()).set(CONSOLE_SESSION_COOKIE, value, consoleCookieOptions(expires));
}

export async function endConsoleSession() {
  (await cookies()).delete(CONSOLE_SESSION_COOKIE);
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

/** The client address for throttling: the first X-Forwarded-For hop (set by our proxy), else unknown. */
export async function clientIp(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown";
}
