// The console's authorisation checks. Every console mutation and read calls one of these with the
// session it resolved itself on the server — layouts redirect for convenience, but they are not a
// security boundary. A partner member's tenant always comes from their user row, never from input.
import type { Partner, User } from "@/lib/generated/prisma/client";
import type { ConsoleSession } from "@/lib/auth/console/session";

export class ConsoleAuthError extends Error {
  constructor(readonly reason: "unauthenticated" | "forbidden") {
    super(reason === "unauthenticated" ? "Your session has ended. Sign in again." : "You do not have access to this.");
  }
}

export const isConsoleAuthError = (e: unknown): e is ConsoleAuthError => e instanceof ConsoleAuthError;

export function requireAdmin(session: ConsoleSession | null): { user: User } {
  if (!session) throw new ConsoleAuthError("unauthenticated");
  if (session.user.role !== "admin" || session.user.disabled) throw new ConsoleAuthError("forbidden");
  return { user: session.user };
}

export function requirePartnerMember(session: ConsoleSession | null): { user: User; partner: Partner } {
  if (!session) throw new ConsoleAuthError("unauthenticated");
  const { user, partner } = session;
  if (user.role !== "partner_member" || user.disabled || !partner || partner.disabled || user.partnerId !== partner.id) {
    throw new ConsoleAuthError("forbidden");
  }
  return { user, partner };
}

/** Where a signed-in user lands. */
export const homeFor = (session: ConsoleSession) => (session.user.role === "admin" ? "/admin" : "/partner");
