// Outgoing email over SMTP (SMTP_URL; JOPAY_EMAIL_FROM). Email is a courtesy next to something the
// console already shows (a notice, a link to copy), so sendEmail never throws: unconfigured → an
// info line and { sent: false }; a failing server → an error line and { sent: false }. Callers send
// AFTER their transaction commits — a slow or dead mail server must never hold or undo a change.
import nodemailer from "nodemailer";
import { config } from "@/lib/config";
import { log } from "@/lib/log";

export interface EmailMessage {
  to: string | string[];
  subject: string;
  text: string;
  /** An HTML alternative to `text` (multipart/alternative); the text part stays the reference. */
  html?: string;
  /** The Message-ID header ("<id@domain>"); nodemailer makes a random one otherwise. A caller that may resend sets a stable one. */
  messageId?: string;
}

export interface SendEmailResult {
  sent: boolean;
  messageId?: string;
  /** Why it was not sent (credentials scrubbed); absent when SMTP is not configured. */
  error?: string;
  /** The server refused it for good (a 5xx reply, e.g. an unknown mailbox): retrying cannot help. */
  permanent?: boolean;
}

export interface SendEmailOptions {
  /** Overrides config().SMTP_URL (tests, operator tools). */
  smtpUrl?: string;
  /** Overrides config().JOPAY_EMAIL_FROM. */
  from?: string;
}

// Bounded waits: nodemailer's defaults (2 min to connect, 10 min idle) would pin a worker slot.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/** Where mail goes, for logs: host and port only — never the user name or password. */
export function smtpTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ""}`;
  } catch {
    return "(invalid SMTP_URL)";
  }
}

/** Removes the URL's credentials from a text (an SMTP error may echo what it was given). */
function scrub(text: string, url: string): string {
  let out = text.replaceAll(url, smtpTarget(url));
  try {
    const u = new URL(url);
    for (const part of [u.password, decodeURIComponent(u.password)]) if (part.length >= 3) out = out.replaceAll(part, "[redacted]");
  } catch {
    /* not a URL: nothing more to scrub */
  }
  return out;
}

export async function sendEmail(message: EmailMessage, options: SendEmailOptions = {}): Promise<SendEmailResult> {
  const recipients = (Array.isArray(message.to) ? message.to : [message.to]).filter(Boolean);
  // A subject carries partner-chosen text (names): one line, whatever it holds.
  const subject = message.subject.replace(/\s+/g, " ").trim();
  let url: string | undefined;
  try {
    url = options.smtpUrl ?? config().SMTP_URL;
    if (!url) {
      log.info("email not sent: SMTP_URL is not configured", { subject, recipients: recipients.length });
      return { sent: false };
    }
    if (recipients.length === 0) return { sent: false };
    const transport = nodemailer.createTransport({ url, ...TIMEOUTS });
    try {
      const info = await transport.sendMail({
        from: options.from ?? config().JOPAY_EMAIL_FROM,
        to: recipients,
        subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.messageId ? { messageId: message.messageId } : {}),
      });
      log.info("email sent", { subject, recipients: recipients.length, server: smtpTarget(url) });
      return { sent: true, messageId: info.messageId };
    } finally {
      transport.close();
    }
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const error = url ? scrub(reason, url) : reason;
    // nodemailer puts the server's reply code on the error (RCPT or DATA refused); none for a
    // connection that failed, which is worth retrying.
    const code = (err as { responseCode?: unknown } | null)?.responseCode;
    const permanent = typeof code === "number" && code >= 500 && code < 600;
    log.error("email not sent: SMTP delivery failed", {
      subject,
      recipients: recipients.length,
      server: url ? smtpTarget(url) : undefined,
      error,
      ...(typeof code === "number" ? { smtpCode: code } : {}),
    });
    return { sent: false, error, permanent };
  }
}
