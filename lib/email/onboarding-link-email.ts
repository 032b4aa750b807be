// The onboarding-link email: the same link the console shows to copy, sent to a shell merchant's
// email when SMTP is configured. Called after the link's transaction commits; never throws
// (lib/email/send-email.ts).
import { sendEmail, type SendEmailOptions, type SendEmailResult } from "./send-email";

export interface OnboardingLinkEmail {
  to: string;
  url: string;
  expiresAt: Date;
  /** The partner whose merchant this is: the one who invited them. */
  partnerName: string;
  /** The merchant's business or contact name, when known. */
  merchantName: string | null;
}

/** Names are partner- or merchant-chosen text: one line, so they cannot forge lines of the body. */
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

export function emailOnboardingLink(link: OnboardingLinkEmail, options: SendEmailOptions = {}): Promise<SendEmailResult> {
  const partner = oneLine(link.partnerName);
  const merchant = link.merchantName ? oneLine(link.merchantName) : "";
  return sendEmail(
    {
      to: link.to,
      subject: `${partner} invited you to get paid with JoPay`,
      text: [
        merchant ? `Hello ${merchant},` : "Hello,",
        "",
        `${partner} invited you to accept payments through JoPay.`,
        "JoPay lets your customers pay you in USDC straight to your own wallet; JoPay never holds your funds or keys.",
        "",
        `Connect your wallet and finish setting up: ${link.url}`,
        "",
        `The link expires on ${link.expiresAt.toUTCString()} and stops working once setup is complete. If you did not expect this email, ignore it.`,
      ].join("\n"),
    },
    options,
  );
}
