// Console users and the session object the console actions receive, built from the database rows
// (independent of how the session cookie is issued).
import type { ConsoleSession } from "@/lib/auth/console/session";
import { db } from "@/lib/db";
import { createUser } from "@/lib/users/create-user";
import { uniq } from "../../support/fixtures";

export async function makeConsoleUser(role: "admin" | "partner_member", partnerId?: string, opts: { disabled?: boolean } = {}) {
  const user = await createUser({ email: `${uniq("u")}@example.test`, password: "correct horse battery", role, partnerId });
  if (opts.disabled) await db.user.update({ where: { id: user.id }, data: { disabled: true } });
  return user;
}

export async function consoleSession(userId: string): Promise<ConsoleSession> {
  const { partner, ...user } = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { partner: true } });
  return { user, partner: user.role === "partner_member" ? partner : null };
}
