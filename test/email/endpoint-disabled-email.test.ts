// An endpoint JoPay disables (failing for 5 days, or 410 Gone) is emailed to the partner's active
// console members after the disabling commits — through a real SMTP server on loopback, with the
// delivery worker driving real attempts at a real receiver. A dead mail server changes nothing else.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";
import { deliverUntil, emitTestEvent, partnerWithEndpoint } from "../webhooks/support/harness";
import { makePartner } from "../support/fixtures";
import { captureLogs } from "./support/capture-logs";
import { makeConsoleUser } from "./support/console-users";
import { deadPort, restoreSmtp, startSmtpSink, setSmtp, type SmtpSink } from "./support/smtp-sink";

let smtp: SmtpSink;
let rx: WebhookReceiver;

beforeAll(async () => {
  [smtp, rx] = await Promise.all([startSmtpSink(), startWebhookReceiver()]);
  rx.respond((r) => (r.path.startsWith("/gone") ? { status: 410 } : { status: 500, body: "down" }));
});
afterEach(restoreSmtp);
afterAll(async () => {
  await Promise.all([smtp.close(), rx.close()]);
});

const DAY = 86_400_000;

/** A partner whose endpoint at `path` has failed since 6 days ago, with two active members and a disabled one. */
async function failingPartner(path: string) {
  const p = await partnerWithEndpoint(rx.url(path));
  await db.webhookEndpoint.update({ where: { id: p.endpoint.id }, data: { failingSince: new Date(Date.now() - 6 * DAY) } });
  const [alice, bob, gone] = await Promise.all([
    makeConsoleUser("partner_member", p.partner.id),
    makeConsoleUser("partner_member", p.partner.id),
    makeConsoleUser("partner_member", p.partner.id, { disabled: true }),
  ]);
  return { ...p, alice, bob, gone };
}

const isDisabled = async (id: string) => (await db.webhookEndpoint.findUniqueOrThrow({ where: { id } })).disabled;

describe("disabled-endpoint email", () => {
  it("failing for 5 days: the endpoint is disabled and the partner's active members are emailed the endpoint URL", async () => {
    setSmtp(smtp.url());
    const t = await failingPartner("/five-days?token=keep-out");
    const other = await makeConsoleUser("partner_member", (await makePartner()).partner.id);
    await emitTestEvent(t.partner.id);
    await deliverUntil([t.partner.id], async () => (await isDisabled(t.endpoint.id)) && smtp.received.some((m) => m.rcptTo.includes(t.alice.email)));

    const mails = smtp.received.filter((m) => m.rcptTo.includes(t.alice.email));
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(new Set(mail.rcptTo)).toEqual(new Set([t.alice.email, t.bob.email]));
    expect(mail.subject).toBe(`JoPay disabled your live webhook endpoint ${rx.url("/five-days")}`);
    expect(mail.text).toContain(rx.url("/five-days"));
    expect(mail.text).toContain(t.endpoint.id);
    expect(mail.text).toContain("every delivery failed for 5 days");
    // Query strings can hold the partner's tokens: never in an email.
    expect(mail.raw).not.toContain("keep-out");
    expect(smtp.received.some((m) => m.rcptTo.includes(t.gone.email) || m.rcptTo.includes(other.email))).toBe(false);
    expect(await db.partnerNotice.count({ where: { partnerId: t.partner.id, kind: "webhook_endpoint_disabled" } })).toBe(1);
  });

  it("410 Gone disables and emails as well", async () => {
    setSmtp(smtp.url());
    const p = await partnerWithEndpoint(rx.url("/gone"));
    const member = await makeConsoleUser("partner_member", p.partner.id);
    await emitTestEvent(p.partner.id);
    await deliverUntil([p.partner.id], async () => (await isDisabled(p.endpoint.id)) && smtp.received.some((m) => m.rcptTo.includes(member.email)));
    const [mail] = smtp.received.filter((m) => m.rcptTo.includes(member.email));
    expect(mail.text).toContain("the receiver answered 410 Gone");
  });

  it("with the mail server down the endpoint is still disabled with its notice, and the failure is logged", async () => {
    setSmtp(`smtp://mailer:Wh00kSecretPw@127.0.0.1:${await deadPort()}`);
    const t = await failingPartner("/five-days-nomail");
    await emitTestEvent(t.partner.id);
    const logs = captureLogs();
    try {
      await deliverUntil([t.partner.id], () => logs.lines.some((l) => l.msg === "email not sent: SMTP delivery failed"));
    } finally {
      logs.restore();
    }
    expect(await isDisabled(t.endpoint.id)).toBe(true);
    expect(await db.partnerNotice.count({ where: { partnerId: t.partner.id, kind: "webhook_endpoint_disabled" } })).toBe(1);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: t.endpoint.id } })).toMatchObject({ status: "failed", leaseOwner: null });
    expect(logs.raw.join("\n")).not.toContain("Wh00kSecretPw");
    expect(logs.lines.some((l) => l.msg === "webhook attempt crashed")).toBe(false);
  });
});
