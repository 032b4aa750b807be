// Partner console: team. A member invites teammates into their own partner only.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { issueInvite } from "@/lib/auth/console/invites";
import { db } from "@/lib/db";
import { emailInvite } from "@/lib/email/invite-email";
import { partnerScope, type ConsoleCtx } from "../context";

export const inviteInput = z.object({ email: z.email("Enter an email address.").max(254) });

export async function inviteTeammateAction(ctx: ConsoleCtx, raw: z.input<typeof inviteInput>) {
  const { user, partner } = partnerScope(ctx);
  const { email } = inviteInput.parse(raw);
  const { invite, url } = await db.$transaction(async (tx) => {
    const issued = await issueInvite(tx, { email, role: "partner_member", partnerId: partner.id, invitedById: user.id });
    await recordAudit(tx, { actor: user, action: "invite.created", partnerId: partner.id, targetType: "invite", targetId: issued.invite.id, after: { email: issued.invite.email, role: issued.invite.role, expires_at: issued.invite.expiresAt }, ip: ctx.ip });
    return issued;
  });
  // After the commit; the console shows the link to copy whether or not the email went out.
  const { sent } = await emailInvite({ to: invite.email, url, expiresAt: invite.expiresAt, partnerName: partner.name, invitedBy: user.email });
  return { url, expiresAt: invite.expiresAt, emailed: sent };
}
