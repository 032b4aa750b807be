// sendEmail against a real SMTP server on loopback: configured → delivered as written; unset →
// nothing sent, no throw; server down → { sent: false } and an error line without the password.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { sendEmail } from "@/lib/email/send-email";
import { captureLogs } from "./support/capture-logs";
import { deadPort, startSmtpSink, type SmtpSink } from "./support/smtp-sink";

let smtp: SmtpSink;
const saved = { SMTP_URL: process.env.SMTP_URL, JOPAY_EMAIL_FROM: process.env.JOPAY_EMAIL_FROM, LOG_LEVEL: process.env.LOG_LEVEL };

function setEnv(vars: Partial<Record<keyof typeof saved, string | undefined>>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
}

beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterEach(() => setEnv(saved));
afterAll(async () => {
  await smtp.close();
});

describe("sendEmail", () => {
  it("delivers through SMTP_URL with its login, from JOPAY_EMAIL_FROM, to every recipient", async () => {
    setEnv({ SMTP_URL: smtp.url({ user: "mailer", pass: "pa55-word" }), JOPAY_EMAIL_FROM: "Ops <ops@jopay.test>" });
    const before = smtp.received.length;
    const result = await sendEmail({ to: ["a@example.test", "b@example.test"], subject: "Hello\r\nBcc: evil@example.test", text: "Line one\nhttps://example.test/x?token=abc" });
    expect(result.sent).toBe(true);
    const [mail] = smtp.received.slice(before);
    expect(mail.rcptTo).toEqual(["a@example.test", "b@example.test"]);
    expect(mail.username).toBe("mailer");
    expect(mail.mailFrom).toBe("ops@jopay.test");
    expect(mail.headers.from).toContain("ops@jopay.test");
    // Partner-chosen text in a subject cannot add headers.
    expect(mail.subject).toBe("Hello Bcc: evil@example.test");
    expect(mail.headers.bcc).toBeUndefined();
    expect(mail.text).toBe("Line one\nhttps://example.test/x?token=abc");
  });

  it("uses the documented default From address", async () => {
    setEnv({ SMTP_URL: smtp.url(), JOPAY_EMAIL_FROM: undefined });
    const before = smtp.received.length;
    expect((await sendEmail({ to: "c@example.test", subject: "Default from", text: "x" })).sent).toBe(true);
    expect(smtp.received[before].mailFrom).toBe("no-reply@localhost");
  });

  it("with SMTP_URL unset sends nothing, says so at info, and does not throw", async () => {
    setEnv({ SMTP_URL: undefined, LOG_LEVEL: "info" });
    const logs = captureLogs();
    const before = smtp.received.length;
    try {
      expect(await sendEmail({ to: "d@example.test", subject: "Nobody hears", text: "x" })).toEqual({ sent: false });
    } finally {
      logs.restore();
    }
    expect(smtp.received.length).toBe(before);
    expect(logs.lines).toContainEqual(expect.objectContaining({ level: "info", msg: "email not sent: SMTP_URL is not configured" }));
  });

  it("with the server down returns { sent: false } and logs an error that never contains the password", async () => {
    const port = await deadPort();
    setEnv({ SMTP_URL: `smtp://mailer:Sup3rS3cretPw@127.0.0.1:${port}` });
    const logs = captureLogs();
    try {
      const result = await sendEmail({ to: "e@example.test", subject: "Into the void", text: "x" });
      // A connection that failed is worth retrying: not permanent (lib/email/receipt-email-loop.ts).
      expect(result).toMatchObject({ sent: false, permanent: false, error: expect.stringMatching(/ECONNREFUSED/) });
      expect(result.error).not.toContain("Sup3rS3cretPw");
    } finally {
      logs.restore();
    }
    const failure = logs.lines.find((l) => l.msg === "email not sent: SMTP delivery failed");
    expect(failure).toMatchObject({ level: "error", server: `smtp://127.0.0.1:${port}` });
    expect(String(failure?.error)).toMatch(/ECONNREFUSED/);
    expect(logs.raw.join("\n")).not.toContain("Sup3rS3cretPw");
  });
});
