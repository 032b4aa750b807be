// The customer's receipt email (issue 19 part 3), read back from a real SMTP server on loopback:
// queued in the transaction that verifies the payment, sent by the worker loop once — across a
// worker that dies between its claim and the send, and failed once every attempt killed its worker
// — in the pay page's language, never without a customer_email or without SMTP, and a refused
// address fails without holding up the others.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { formatDateTime, formatFiat } from "@/lib/i18n/format";
import {
  claimReceiptEmails,
  defaultReceiptEmailConfig,
  maxReceiptAttempts,
  runReceiptEmailPass,
  type ReceiptEmailConfig,
} from "@/lib/email/receipt-email-loop";
import { attachProof } from "@/lib/payments/attach-proof";
import { getPayStatus } from "@/lib/payments/pay-status";
import { settleProof } from "@/lib/payments/settle-proof";
import { simulatePayment } from "@/lib/payments/simulate-payment";
import { markOpened, recordPayPageLocale } from "@/lib/pay-page/mark-opened";
import { uniq } from "../support/fixtures";
import { insertRequest, makePaymentSetup } from "../support/request-fixtures";
import { restoreSmtp, setSmtp, startSmtpSink, type ReceivedMail, type SmtpSink } from "./support/smtp-sink";

let smtp: SmtpSink;

beforeAll(async () => {
  // "nobody@…" is an unknown mailbox (550, permanent); "later@…" is always "try again later" (451).
  smtp = await startSmtpSink({ rejectRcpt: (a) => (a.startsWith("nobody") ? 550 : a.startsWith("later") ? 451 : null) });
});
afterEach(restoreSmtp);
afterAll(async () => {
  await smtp.close();
});

const BASE_USDC = "0x833589fcd6ee2a8ec4dc8e1d28b5c1fc7e0a2913";
const mailTo = (to: string) => smtp.received.filter((m) => m.rcptTo.includes(to));

/** A request of a fresh, branded partner (mode as asked) with a customer email. */
async function requestFor(opts: { testMode: boolean; email: string | null }) {
  const setup = await makePaymentSetup({ testMode: opts.testMode });
  await db.partner.update({
    where: { id: setup.partner.id },
    data: { name: "Aurora Payments", brandPrimaryColor: "#e11d48", brandAccentColor: "#312e81", brandLogoUrl: "https://cdn.example.com/aurora.png" },
  });
  await db.merchant.update({ where: { id: setup.merchant.id }, data: { businessName: "Café Aurora" } });
  const request = await insertRequest({
    partnerId: setup.partner.id,
    merchantId: setup.merchant.id,
    testMode: opts.testMode,
    usdcMicro: 27_500_042n,
    receivingWallet: setup.merchant.walletAddress!,
    chainId: opts.testMode ? 84532 : 8453,
    usdcContract: BASE_USDC,
  });
  await db.paymentRequest.update({ where: { id: request.id }, data: { customerEmail: opts.email, memo: "Table 4" } });
  return { ...setup, request };
}

/** A real (not simulated) payment verified through the one verified branch, settleProof. */
async function verifyReal(requestId: string, partnerId: string) {
  const txHash = `0x${randomBytes(32).toString("hex")}`;
  const { proof } = await attachProof({ requestId, txHash, source: "partner_api", scope: { partnerId, testMode: false } });
  const block = { blockNumber: 123n, blockHash: `0x${randomBytes(32).toString("hex")}`, blockTime: new Date(), confirmations: 12 };
  await db.$transaction((tx) => settleProof(tx, proof, { kind: "verified", receivedMicro: proof.expectedMicro, overpaidMicro: 0n, late: false, block }, null));
  return txHash;
}

function loopConfig(partnerIds: string[], over: Partial<ReceiptEmailConfig> = {}): ReceiptEmailConfig {
  return defaultReceiptEmailConfig({ partnerIds, schedule: [0, 0], ...over });
}

/** Runs passes until the receipts of these partners are all settled (sent, failed or cancelled). */
async function drain(cfg: ReceiptEmailConfig, worker = "test-worker") {
  for (let i = 0; i < 50; i++) {
    await runReceiptEmailPass(worker, cfg);
    const open = await db.receiptEmail.count({ where: { status: "pending", request: { partnerId: { in: cfg.partnerIds } } } });
    if (open === 0) return;
  }
  throw new Error("receipts still pending after 50 passes");
}

describe("receipt email", () => {
  it("a verified live payment emails one receipt in English (no language recorded): merchant, amounts, date, tx and explorer link, request id, branding", async () => {
    setSmtp(smtp.url());
    const email = `${uniq("buyer")}@example.test`;
    const { partner, request } = await requestFor({ testMode: false, email });
    const txHash = await verifyReal(request.id, partner.id);
    const row = await db.receiptEmail.findUniqueOrThrow({ where: { requestId: request.id } });
    expect(row).toMatchObject({ status: "pending", to: email, locale: "en", attemptCount: 0 });

    await drain(loopConfig([partner.id]));
    const mails = mailTo(email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.subject).toBe("Receipt for your payment to Café Aurora");
    expect(mail.headers["message-id"]).toBe(row.messageId);
    expect(mail.text).toContain("Thank you. Café Aurora has received your payment.");
    expect(mail.text).toContain("Paid to: Café Aurora");
    expect(mail.text).toContain("Amount: €25.00 · 27.500042 USDC");
    expect(mail.text).toContain("Note: Table 4");
    const { proofVerifiedAt } = await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(mail.text).toContain(`Confirmed at: ${formatDateTime(proofVerifiedAt!, "en", "UTC")}`);
    expect(mail.text).toContain(`Transaction: ${txHash}`);
    expect(mail.text).toContain(`View on explorer: https://basescan.org/tx/${txHash}`);
    expect(mail.text).toContain(`Request: ${request.id}`);
    expect(mail.text).toContain(`/pay/${request.id}?lang=en`);
    expect(mail.text).not.toMatch(/simulated/i);
    expect(mail.html).toContain("background:#e11d48");
    expect(mail.html).toContain("border-bottom:3px solid #312e81");
    expect(mail.html).toContain('<img src="https://cdn.example.com/aurora.png" alt="Aurora Payments"');
    expect(mail.html).toContain(`href="https://basescan.org/tx/${txHash}"`);
    expect(mail.html).not.toContain("data-simulated");
    expect(await db.receiptEmail.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "sent", attemptCount: 1, leaseOwner: null });
    expect((await getPayStatus(request.id)).simulated).toBe(false);
  });

  it("a simulated payment's receipt is in the pay page's language (Spanish, picked in the switcher) and says it is simulated", async () => {
    setSmtp(smtp.url());
    const email = `${uniq("comprador")}@example.test`;
    const { partner, request } = await requestFor({ testMode: true, email });
    // The first view showed English; the customer then chose Español.
    expect(await markOpened(request.id, new Date(), "en")).toBe(true);
    await recordPayPageLocale(request.id, "es");
    await simulatePayment({ partnerId: partner.id, testMode: true }, request.id, { outcome: "paid" });

    await drain(loopConfig([partner.id]));
    const [mail, ...more] = mailTo(email);
    expect(more).toHaveLength(0);
    expect(mail.subject).toBe("[Simulado] Recibo de tu pago de prueba a Café Aurora");
    expect(mail.text).toContain("PAGO SIMULADO — NO SE MOVIERON FONDOS");
    expect(mail.text).toContain("Este es el recibo de un pago de prueba simulado a Café Aurora.");
    expect(mail.text).toContain("Pagado a: Café Aurora");
    expect(mail.text).toContain(`Importe: ${formatFiat(2500, "EUR", "es")} · 27.500042 USDC`);
    expect(formatFiat(2500, "EUR", "es")).toMatch(/^25,00\s€$/);
    expect(mail.text).toContain("Transacción: Pago simulado — no se movieron fondos");
    expect(mail.text).toContain(`Solicitud: ${request.id}`);
    // The made-up hash is never shown as a transaction, nor linked to an explorer.
    const { txHash } = await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(mail.text).not.toContain(txHash!);
    expect(mail.text).not.toContain("Ver en el explorador");
    expect(mail.html).toContain('data-simulated="true"');
    expect(mail.html).toContain('<html lang="es">');
    expect((await getPayStatus(request.id)).simulated).toBe(true);
  });

  it("is sent once across a worker that dies between its claim and the send", async () => {
    setSmtp(smtp.url());
    const email = `${uniq("crash")}@example.test`;
    const { partner, request } = await requestFor({ testMode: true, email });
    await simulatePayment({ partnerId: partner.id, testMode: true }, request.id, { outcome: "paid" });
    const cfg = loopConfig([partner.id]);

    // Worker A claims it with a short lease, records its attempt (as sendClaimedReceipt does
    // first) and dies before any SMTP byte.
    const [id, ...others] = await claimReceiptEmails("worker-a#dead", { ...cfg, leaseMs: 400 });
    expect(others).toHaveLength(0);
    await db.receiptEmail.update({ where: { id }, data: { attemptCount: { increment: 1 }, lastAttemptAt: new Date() } });

    // While A's lease stands, worker B leaves it alone.
    expect(await runReceiptEmailPass("worker-b", cfg)).toBe(0);
    expect(mailTo(email)).toHaveLength(0);

    // Once it has run out, B sends it: once, and never again on later passes.
    let claimed = 0;
    while (claimed === 0) {
      await new Promise((r) => setTimeout(r, 25));
      claimed = await runReceiptEmailPass("worker-b", cfg);
    }
    expect(mailTo(email)).toHaveLength(1);
    expect(await runReceiptEmailPass("worker-b", cfg)).toBe(0);
    await Promise.all([runReceiptEmailPass("worker-c", cfg), runReceiptEmailPass("worker-d", cfg)]);
    expect(mailTo(email)).toHaveLength(1);
    expect(await db.receiptEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "sent", attemptCount: 2, leaseOwner: null, leaseUntil: null });
  });

  it("a receipt whose every send kills the worker is marked failed once the attempts run out, not retried for ever", async () => {
    setSmtp(smtp.url());
    const email = `${uniq("deadly")}@example.test`;
    const { partner, request } = await requestFor({ testMode: true, email });
    await simulatePayment({ partnerId: partner.id, testMode: true }, request.id, { outcome: "paid" });
    const cfg = loopConfig([partner.id]);
    const max = maxReceiptAttempts(cfg);
    expect(max).toBe(3); // schedule [0, 0]: the first try and two retries, as for a send that fails

    // Each worker claims it, records its attempt (as sendClaimedReceipt does before the SMTP
    // conversation) and dies mid-send, leaving no outcome; the next one claims it once the lease is out.
    for (let attempt = 1; attempt <= max; attempt++) {
      let claimed: string[] = [];
      while (claimed.length === 0) claimed = await claimReceiptEmails(`worker-${attempt}#dead`, { ...cfg, leaseMs: 1 });
      const [id] = claimed;
      await db.receiptEmail.update({ where: { id }, data: { attemptCount: { increment: 1 }, lastAttemptAt: new Date() } });
    }
    const row = await db.receiptEmail.findUniqueOrThrow({ where: { requestId: request.id } });
    expect(row).toMatchObject({ status: "pending", attemptCount: max });

    // The next claim after the last lease gives up on it instead of handing it out a fourth time.
    while ((await db.receiptEmail.findUniqueOrThrow({ where: { id: row.id } })).status === "pending") {
      expect(await runReceiptEmailPass("worker-next", cfg)).toBe(0);
    }
    expect(await db.receiptEmail.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "failed",
      attemptCount: max,
      leaseOwner: null,
      leaseUntil: null,
      sentAt: null,
      lastError: "gave up after 3 attempts: the last one never finished (the worker died during the send)",
    });
    expect(await runReceiptEmailPass("worker-later", cfg)).toBe(0);
    expect(mailTo(email)).toHaveLength(0);
  });

  it("a receipt whose sends died fewer times than the cap is still sent", async () => {
    setSmtp(smtp.url());
    const email = `${uniq("survivor")}@example.test`;
    const { partner, request } = await requestFor({ testMode: true, email });
    await simulatePayment({ partnerId: partner.id, testMode: true }, request.id, { outcome: "paid" });
    const cfg = loopConfig([partner.id]);
    for (let attempt = 1; attempt < maxReceiptAttempts(cfg); attempt++) {
      let claimed: string[] = [];
      while (claimed.length === 0) claimed = await claimReceiptEmails(`worker-${attempt}#dead`, { ...cfg, leaseMs: 1 });
      await db.receiptEmail.update({ where: { id: claimed[0] }, data: { attemptCount: { increment: 1 }, lastAttemptAt: new Date() } });
    }
    await drain(cfg);
    expect(mailTo(email)).toHaveLength(1);
    expect(await db.receiptEmail.findUniqueOrThrow({ where: { requestId: request.id } })).toMatchObject({ status: "sent", attemptCount: maxReceiptAttempts(cfg) });
  });

  it("two workers claiming at the same moment send it once", async () => {
    setSmtp(smtp.url());
    const email = `${uniq("race")}@example.test`;
    const { partner, request } = await requestFor({ testMode: true, email });
    await simulatePayment({ partnerId: partner.id, testMode: true }, request.id, { outcome: "paid" });
    const cfg = loopConfig([partner.id]);
    const counts = await Promise.all([runReceiptEmailPass("w1", cfg), runReceiptEmailPass("w2", cfg), runReceiptEmailPass("w3", cfg)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(mailTo(email)).toHaveLength(1);
  });

  it("without a customer_email nothing is queued or sent", async () => {
    setSmtp(smtp.url());
    const { partner, request } = await requestFor({ testMode: true, email: null });
    const before = smtp.received.length;
    await simulatePayment({ partnerId: partner.id, testMode: true }, request.id, { outcome: "paid" });
    expect(await db.receiptEmail.count({ where: { requestId: request.id } })).toBe(0);
    expect(await runReceiptEmailPass("w", loopConfig([partner.id]))).toBe(0);
    expect(smtp.received.length).toBe(before);
  });

  it("with SMTP off nothing is queued and the loop claims nothing (no error loop)", async () => {
    setSmtp(undefined);
    const email = `${uniq("nosmtp")}@example.test`;
    const { partner, request } = await requestFor({ testMode: true, email });
    await simulatePayment({ partnerId: partner.id, testMode: true }, request.id, { outcome: "paid" });
    expect((await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } })).proofStatus).toBe("verified");
    expect(await db.receiptEmail.count({ where: { requestId: request.id } })).toBe(0);
    expect(await runReceiptEmailPass("w", loopConfig([partner.id]))).toBe(0);
    expect(mailTo(email)).toHaveLength(0);
  });

  it("a refused address is marked failed (at once for a 5xx, after the retries for a 4xx) and never holds up the other receipts", async () => {
    setSmtp(smtp.url());
    const unknown = `nobody.${uniq()}@example.test`;
    const busy = `later.${uniq()}@example.test`;
    const good = `${uniq("good")}@example.test`;
    const partnerIds: string[] = [];
    const ids: Record<string, string> = {};
    // The bad ones are queued first, so they are claimed first.
    for (const email of [unknown, busy, good]) {
      const { partner, request } = await requestFor({ testMode: true, email });
      partnerIds.push(partner.id);
      ids[email] = request.id;
      await simulatePayment({ partnerId: partner.id, testMode: true }, request.id, { outcome: "paid" });
    }
    await drain(loopConfig(partnerIds, { batch: 1 }));

    const row = (email: string) => db.receiptEmail.findUniqueOrThrow({ where: { requestId: ids[email] } });
    expect(await row(good)).toMatchObject({ status: "sent", attemptCount: 1 });
    expect(mailTo(good)).toHaveLength(1);
    expect(await row(unknown)).toMatchObject({ status: "failed", attemptCount: 1, leaseOwner: null, lastError: expect.stringMatching(/550/) });
    // schedule [0, 0]: the first try and two retries.
    expect(await row(busy)).toMatchObject({ status: "failed", attemptCount: 3, leaseOwner: null, lastError: expect.stringMatching(/451/) });
    const received: ReceivedMail[] = [...mailTo(unknown), ...mailTo(busy)];
    expect(received).toHaveLength(0);
  });

  it("a payment reversed before its receipt went out gets none", async () => {
    setSmtp(smtp.url());
    const email = `${uniq("reversed")}@example.test`;
    const { partner, request } = await requestFor({ testMode: true, email });
    await simulatePayment({ partnerId: partner.id, testMode: true }, request.id, { outcome: "paid" });
    // What a reorg reversal leaves (lib/payments/reverse-payment.ts): the request no longer verified.
    await db.paymentRequest.update({ where: { id: request.id }, data: { proofStatus: "none", txHash: null, proofVerifiedAt: null } });
    await drain(loopConfig([partner.id]));
    expect(await db.receiptEmail.findUniqueOrThrow({ where: { requestId: request.id } })).toMatchObject({ status: "cancelled" });
    expect(mailTo(email)).toHaveLength(0);
  });
});
