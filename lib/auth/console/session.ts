// Who is signed in to the console. The next-auth token only names a user (kind "console"); role,
// partner and the disabled/locked flags are read from the database on every request, so they are
// never stale: disabling a user or partner ends their sessions at once, and so does signing out
// (lib/auth/session/revoked-sessions.ts).
import { isSessionRevoked } from "@/lib/auth/session/revoked-sessions";
import { claimsFromRequest, type SessionClaims } from "@/lib/auth/session/session-token";
import { db } from "@/lib/db";
import type { Partner, User } from "@/lib/generated/prisma/client";

export interface ConsoleSession {
  user: User;
  /** The partner a partner_member belongs to; null for admins. */
  partner: Partner | null;
}

/** The console session for decoded session claims; null for none, a merchant session, or a user who may not hold one. */
export async function resolveConsoleSession(claims: SessionClaims | null, now = Date.now()): Promise<ConsoleSession | null> {
  if (!claims || claims.kind !== "console") return null;
  const [user, revoked] = await Promise.all([
    db.user.findUnique({ where: { id: claims.sub }, include: { partner: true } }),
    isSessionRevoked(claims.sid),
  ]);
  if (!user || user.disabled || revoked) return null;
  if (user.lockedUntil && user.lockedUntil.getTime() > now) return null;
  const { partner, ...rest } = user;
  if (rest.role === "partner_member" && (!partner || partner.disabled)) return null;
  return { user: rest, partner: rest.role === "partner_member" ? partner : null };
}

/** For route handlers: the console session carried by a request's session cookie. */
export async function consoleSessionFromRequest(req: Request): Promise<ConsoleSession | null> {
  return resolveConsoleSession(await claimsFromRequest(req));
}
