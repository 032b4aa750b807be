// The invite email: the same one-time link the console shows to copy, sent to the invitee when SMTP
// is configured. Called after the invite's transaction commits; never throws (lib/email/send-email.ts).
import { sendEmail, type SendEmailOptions, type SendEmailResult } from "./send-email";

export interface InviteEmail {
  to: string;
  url: string;
  expiresAt: Date;
  /** The partner the invitee will belong to. */
  partnerName: string;
  invitedBy: string;
}

export function emailInvite(invite: InviteEmail, options: SendEmailOptions = {}): Promise<SendEmailResult> {
  return sendEmail(
    {
      to: invite.to,
      subject: `You are invited to ${invite.partnerName} on JoPay`,
      text: [
        `${invite.invitedBy} invited you to the JoPay partner console of ${invite.partnerName}.`,
        "",
        `Accept the invite and choose your password: ${invite.url}`,
        "",
        `The link works once and expires on ${invite.expiresAt.toUTCString()}. If you did not expect this email, ignore it.`,
      ].join("\n"),
    },
    options,
  );
}
