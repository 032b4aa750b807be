// Console invites are emailed to the invitee when SMTP is configured (a real SMTP server on
// loopback receives them); the console still gets the link to copy, and a dead mail server never
// undoes or fails the invite.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findOpenInvite } from "@/lib/auth/console/invites";
import { invitePartnerUserAction } from "@/lib/console/actions/admin";
import { inviteTeammateAction } from "@/lib/console/actions/team";
import { db } from "@/lib/db";
import { makePartner, uniq } from "../support/fixtures";
import { captureLogs } from "./support/capture-logs";
import { consoleSession as sessionFor, makeConsoleUser as makeUser } from "./support/console-users";
import { deadPort, restoreSmtp, startSmtpSink, setSmtp, type SmtpSink } from "./support/smtp-sink";

let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterEach(restoreSmtp);
afterAll(async () => {
  await smtp.close();
});

const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;
const mailTo = (email: string) => smtp.received.filter((m) => m.rcptTo.includes(email));

describe("invite emails", () => {
  it("a member's teammate invite is emailed with the same one-time link the console shows", async () => {
    setSmtp(smtp.url());
    const { partner } = await makePartner({ name: "Acme Tickets" });
    const member = await makeUser("partner_member", partner.id);
    const email = `${uniq("mate")}@example.test`;
    const { url, emailed } = await inviteTeammateAction({ session: await sessionFor(member.id), testMode: false }, { email });
    expect(emailed).toBe(true);
    const [mail] = mailTo(email);
    expect(mail.subject).toBe("You are invited to Acme Tickets on JoPay");
    expect(mail.text).toContain(url);
    expect(mail.text).toContain(member.email);
    expect(await findOpenInvite(tokenOf(url))).toMatchObject({ email, partnerId: partner.id });
  });

  it("an admin's invite of a partner's first user is emailed too", async () => {
    setSmtp(smtp.url());
    const { partner } = await makePartner();
    const admin = await sessionFor((await makeUser("admin")).id);
    const email = `${uniq("first")}@example.test`;
    const { url, emailed } = await invitePartnerUserAction({ session: admin }, { partnerId: partner.id, email });
    expect(emailed).toBe(true);
    const [mail] = mailTo(email);
    expect(mail.subject).toContain(partner.name);
    expect(mail.text).toContain(url);
  });

  it("without SMTP_URL the invite is created, nothing is sent, and the link is returned", async () => {
    setSmtp(undefined);
    const { partner } = await makePartner();
    const member = await makeUser("partner_member", partner.id);
    const email = `${uniq("nomail")}@example.test`;
    const { url, emailed } = await inviteTeammateAction({ session: await sessionFor(member.id), testMode: false }, { email });
    expect(emailed).toBe(false);
    expect(mailTo(email)).toEqual([]);
    expect(await findOpenInvite(tokenOf(url))).not.toBeNull();
  });

  it("with the mail server down the invite still succeeds and the failure is logged", async () => {
    setSmtp(`smtp://mailer:Inv1teSecretPw@127.0.0.1:${await deadPort()}`);
    const { partner } = await makePartner();
    const member = await makeUser("partner_member", partner.id);
    const email = `${uniq("down")}@example.test`;
    const logs = captureLogs();
    let result: Awaited<ReturnType<typeof inviteTeammateAction>>;
    try {
      result = await inviteTeammateAction({ session: await sessionFor(member.id), testMode: false }, { email });
    } finally {
      logs.restore();
    }
    expect(result.emailed).toBe(false);
    expect(await findOpenInvite(tokenOf(result.url))).toMatchObject({ email });
    expect(await db.auditLog.count({ where: { partnerId: partner.id, action: "invite.created" } })).toBe(1);
    expect(logs.lines).toContainEqual(expect.objectContaining({ level: "error", msg: "email not sent: SMTP delivery failed" }));
    expect(logs.raw.join("\n")).not.toContain("Inv1teSecretPw");
  });
});
