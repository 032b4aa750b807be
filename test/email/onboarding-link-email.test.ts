// "Email link" on the console's merchants screen: a fresh onboarding link is emailed to the shell
// merchant's own address (a real SMTP server on loopback receives it), the link in the body opens
// onboarding, the audit names the recipient but never the link, and a merchant with no email or a
// finished onboarding is refused before any link is issued.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { emailOnboardingLinkAction } from "@/lib/console/actions/merchants";
import { db } from "@/lib/db";
import { verifyOnboardingToken } from "@/lib/merchants/onboarding-token";
import { makeOnboardedMerchant, makePartner, uniq } from "../support/fixtures";
import { consoleSession as sessionFor, makeConsoleUser as makeUser } from "./support/console-users";
import { restoreSmtp, setSmtp, startSmtpSink, type SmtpSink } from "./support/smtp-sink";

let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterEach(restoreSmtp);
afterAll(async () => {
  await smtp.close();
});

const mailTo = (email: string) => smtp.received.filter((m) => m.rcptTo.includes(email));

async function memberWithShell(opts: { partnerName?: string; email?: string | null } = {}) {
  const made = await makePartner();
  // Written directly: createPartner now refuses control characters in names, but rows stored before
  // that may hold them, and the email must stay safe for those.
  const partner = await db.partner.update({ where: { id: made.partner.id }, data: { name: opts.partnerName ?? "Acme Tickets" } });
  const member = await makeUser("partner_member", partner.id);
  const email = opts.email === undefined ? `${uniq("shop")}@example.test` : opts.email;
  const shell = await db.merchant.create({ data: { partnerId: partner.id, testMode: false, businessName: "Corner Bakery", email } });
  return { partner, ctx: { session: await sessionFor(member.id), testMode: false }, member, shell };
}

/** What the partner's audit log and the merchant's token table hold, to prove a refusal changed nothing. */
async function footprint(partnerId: string, merchantId: string) {
  return { tokens: await db.onboardingToken.count({ where: { merchantId } }), audit: await db.auditLog.count({ where: { partnerId, action: "merchant.onboarding_link_emailed" } }) };
}

describe("emailing a merchant's onboarding link", () => {
  it("sends a fresh link to the merchant's email; the link in the body opens onboarding for that merchant", async () => {
    setSmtp(smtp.url());
    const { partner, ctx, member, shell } = await memberWithShell();
    const result = await emailOnboardingLinkAction(ctx, { merchantId: shell.id });
    expect(result).toMatchObject({ emailed: true, to: shell.email });

    const [mail, ...more] = mailTo(shell.email!);
    expect(more).toEqual([]);
    expect(mail.rcptTo).toEqual([shell.email]);
    expect(mail.subject).toBe("Acme Tickets invited you to get paid with JoPay");
    expect(mail.text).toContain("Acme Tickets invited you");
    expect(mail.text).toContain("JoPay lets your customers pay you in USDC");
    expect(mail.text).toContain(result.expiresAt.toUTCString());
    expect(mail.text).not.toContain(member.email); // the console user is the partner's business, not the merchant's

    const sentUrl = new URL(mail.text.match(/https?:\/\/\S+/)![0]);
    expect(sentUrl.href).toBe(result.url);
    expect(sentUrl.pathname).toBe("/merchant/onboarding");
    const opened = await verifyOnboardingToken(sentUrl.searchParams.get("token")!);
    expect(opened?.merchant.id).toBe(shell.id);
    expect(opened?.token.expiresAt).toEqual(result.expiresAt);

    const [audit, ...moreAudit] = await db.auditLog.findMany({ where: { partnerId: partner.id, action: "merchant.onboarding_link_emailed" } });
    expect(moreAudit).toEqual([]);
    expect(audit).toMatchObject({ actorId: member.id, targetType: "merchant", targetId: shell.id, after: { email: shell.email, expires_at: result.expiresAt.toISOString() } });
    expect(JSON.stringify(audit)).not.toContain(sentUrl.searchParams.get("token")!);
  });

  it("a partner name with line breaks stays one line in the subject and cannot add lines to the body", async () => {
    setSmtp(smtp.url());
    const { ctx, shell } = await memberWithShell({ partnerName: "Acme\r\nTickets" });
    const { emailed } = await emailOnboardingLinkAction(ctx, { merchantId: shell.id });
    expect(emailed).toBe(true);
    const [mail] = mailTo(shell.email!);
    expect(mail.subject).toBe("Acme Tickets invited you to get paid with JoPay");
    expect(mail.text.split("\n")).toContain("Acme Tickets invited you to accept payments through JoPay.");
  });

  it("without SMTP_URL a fresh link is still created and returned for the console to show", async () => {
    setSmtp(undefined);
    const { ctx, shell } = await memberWithShell();
    const result = await emailOnboardingLinkAction(ctx, { merchantId: shell.id });
    expect(result.emailed).toBe(false);
    expect(mailTo(shell.email!)).toEqual([]);
    expect((await verifyOnboardingToken(new URL(result.url).searchParams.get("token")!))?.merchant.id).toBe(shell.id);
  });

  it("refuses a merchant without an email: clear message, no link issued, nothing audited or sent", async () => {
    setSmtp(smtp.url());
    const { partner, ctx, shell } = await memberWithShell({ email: null });
    const before = await footprint(partner.id, shell.id);
    const received = smtp.received.length;
    await expect(emailOnboardingLinkAction(ctx, { merchantId: shell.id })).rejects.toMatchObject({ code: "validation_error", message: expect.stringMatching(/no email address/) });
    expect(await footprint(partner.id, shell.id)).toEqual(before);
    expect(smtp.received.length).toBe(received);
  });

  it("refuses a merchant that has already completed onboarding: no link issued, nothing audited or sent", async () => {
    setSmtp(smtp.url());
    const { partner, ctx } = await memberWithShell();
    const done = await makeOnboardedMerchant(partner.id);
    const email = `${uniq("done")}@example.test`;
    await db.merchant.update({ where: { id: done.id }, data: { email } });
    const before = await footprint(partner.id, done.id);
    await expect(emailOnboardingLinkAction(ctx, { merchantId: done.id })).rejects.toMatchObject({ code: "validation_error", message: expect.stringMatching(/already completed onboarding/) });
    expect(await footprint(partner.id, done.id)).toEqual(before);
    expect(mailTo(email)).toEqual([]);
  });
});
