// Invite links for new console users: a random token whose SHA-256 alone is stored, valid for 7 days
// and exactly once. Accepting creates the user with the invite's role and partner — the invitee
// chooses only a password and a name, never where they land.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { uniqueViolation } from "@/lib/db/unique-violation";
import type { Invite, UserRole } from "@/lib/generated/prisma/client";
import { uuidv7 } from "@/lib/ids";
import { refuseControlCharacters } from "@/lib/schemas/common";
import { appUrl } from "@/lib/urls";
import { hashPassword } from "@/lib/users/password";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;

export class InviteError extends Error {}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export const inviteUrl = (token: string) => appUrl(`/partner/invite?token=${encodeURIComponent(token)}`);

export interface IssueInviteInput {
  email: string;
  role: UserRole;
  partnerId: string | null;
  invitedById: string | null;
}

/** Creates the invite in `tx`; the returned token is the only time the plain value exists. */
export async function issueInvite(tx: Tx, input: IssueInviteInput, now = new Date()): Promise<{ invite: Invite; token: string; url: string }> {
  const token = randomBytes(32).toString("base64url");
  const invite = await tx.invite.create({
    data: {
      id: uuidv7(),
      tokenHash: hashToken(token),
      email: input.email.trim().toLowerCase(),
      role: input.role,
      partnerId: input.role === "admin" ? null : input.partnerId,
      invitedById: input.invitedById,
      expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
    },
  });
  return { invite, token, url: inviteUrl(token) };
}

/** The invite behind a link if it can still be accepted; null otherwise (one answer for every reason). */
export async function findOpenInvite(token: string, now = new Date()) {
  if (typeof token !== "string" || token.length < 20 || token.length > 100) return null;
  const invite = await db.invite.findUnique({ where: { tokenHash: hashToken(token) }, include: { partner: true } });
  if (!invite || invite.acceptedAt || invite.expiresAt <= now) return null;
  if (invite.partner?.disabled) return null;
  return invite;
}

export const acceptInviteInput = z.object({
  token: z.string().min(20).max(100),
  name: refuseControlCharacters(z.string().trim().max(120)).optional(),
  password: z.string().min(10, "Use at least 10 characters.").max(200),
});

/** Consumes the invite and creates its user in one transaction: a second use finds nothing to consume. */
export async function acceptInvite(input: z.input<typeof acceptInviteInput>, now = new Date()) {
  const data = acceptInviteInput.parse(input);
  const invite = await findOpenInvite(data.token, now);
  if (!invite) throw new InviteError("This invite link is invalid, was already used or has expired.");
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.$transaction(async (tx) => {
      const consumed = await tx.invite.updateMany({
        where: { id: invite.id, acceptedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (consumed.count !== 1) throw new InviteError("This invite link is invalid, was already used or has expired.");
      const user = await tx.user.create({
        data: {
          id: uuidv7(),
          email: invite.email,
          name: data.name || null,
          passwordHash,
          role: invite.role,
          partnerId: invite.role === "admin" ? null : invite.partnerId,
        },
      });
      await tx.auditLog.create({
        data: {
          id: uuidv7(),
          actorType: invite.role,
          actorId: user.id,
          actorLabel: user.email,
          partnerId: user.partnerId,
          action: "invite.accepted",
          targetType: "user",
          targetId: user.id,
          after: { email: user.email, role: user.role, partner_id: user.partnerId, invite_id: invite.id },
        },
      });
      return user;
    });
  } catch (err) {
    if (uniqueViolation(err)) throw new InviteError("An account with this email already exists. Sign in instead.");
    throw err;
  }
}
