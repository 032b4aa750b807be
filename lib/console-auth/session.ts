// Who is signed in to the console. The cookie only names a user; everything else (role, partner,
// disabled flags) is read from the database on every request, so it is never stale.
import { db } from "@/lib/db";
import type { Partner, User } from "@/lib/generated/prisma/client";
import { openConsoleSession } from "./session-cookie";

export interface ConsoleSession {
  user: User;
  /** The partner a partner_member belongs to; null for admins. */
  partner: Partner | null;
}

export async function resolveConsoleSession(cookieValue: string | null | undefined, now = Date.now()): Promise<ConsoleSession | null> {
  const payload = openConsoleSession(cookieValue, now);
  if (!payload) return null;
  const user = await db.user.findUnique({ where: { id: payload.sub }, include: { partner: true } });
  if (!user || user.disabled) return null;
  if (user.lockedUntil && user.lockedUntil.getTime() > now) return null;
  const { partner, ...rest } = user;
  if (rest.role === "partner_member" && (!partner || partner.disabled)) return null;
  return { user: rest, partner: rest.role === "partner_member" ? partner : null };
}
