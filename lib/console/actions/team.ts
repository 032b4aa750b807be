// Partner console: team. A member invites teammates into their own partner only.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { issueInvite } from "@/lib/console-auth/invites";
import { db } from "@/lib/db";
import { partnerScope, type ConsoleCtx } from "../context";

export const inviteInput = z.object({ email: z.email("Enter an email address.").max(254) });

export async function inviteTeammateAction(ctx: ConsoleCtx, raw: z.input<typeof inviteInput>) {
  const { user, partner } = partnerScope(ctx);
  const { email } = inviteInput.parse(raw);
  return db.$transaction(async (tx) => {
    const { invite, url } = await issueInvite(tx, { email, role: "partner_member", partnerId: partner.id, invitedById: user.id });
    await recordAudit(tx, { actor: user, action: "invite.created", partnerId: partner.id, targetType: "invite", targetId: invite.id, after: { email: invite.email, role: invite.role, expires_at: invite.expiresAt }, ip: ctx.ip });
    return { url, expiresAt: invite.expiresAt };
  });
}
