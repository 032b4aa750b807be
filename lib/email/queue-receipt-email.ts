// Queues the customer's receipt email in the transaction that verifies the payment
// (lib/payments/settle-proof.ts), so a receipt is owed iff the verification committed — the
// same outbox rule as events (lib/events/emit-event.ts). The worker sends it
// (./receipt-email-loop.ts).
import { config } from "@/lib/config";
import type { Tx } from "@/lib/db";
import type { PaymentRequest } from "@/lib/generated/prisma/client";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";

/**
 * The language of the email. The pay page's language when one was recorded
 * (PaymentRequest.payPageLocale: the first view by a person, or the language the customer picked
 * in the switcher), because that is the language the customer read while paying. Else English:
 * neither the request nor the partner carries a language (the partner's currency says nothing
 * about its customers' language, and a POS merchant's customers are often tourists), and English
 * is what the pay page itself shows a browser that states no preference.
 */
export function receiptLocale(request: Pick<PaymentRequest, "payPageLocale">) {
  return isLocale(request.payPageLocale) ? request.payPageLocale : DEFAULT_LOCALE;
}

/** A stable Message-ID per request: every attempt, and a resend after a crash, carries the same one. */
export function receiptMessageId(requestId: string): string {
  const from = config().JOPAY_EMAIL_FROM;
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "jopay.invalid";
  return `<receipt.${requestId}@${domain}>`;
}

/**
 * Writes the receipt's outbox row with `tx`. Nothing is queued without a customer_email (seeds:
 * "for receipts") or without SMTP_URL: email is off then, and a row nobody can send would sit in
 * the queue for ever. At most one per request (unique requestId): a request verified again after
 * a reorg reversed it keeps the receipt it has, or gets back the one its reversal cancelled.
 */
export async function queueReceiptEmail(tx: Tx, request: Pick<PaymentRequest, "id" | "customerEmail" | "payPageLocale">): Promise<boolean> {
  const to = request.customerEmail?.trim();
  if (!to || !config().SMTP_URL) return false;
  const rows = await tx.receiptEmail.createMany({
    data: [{ requestId: request.id, to, locale: receiptLocale(request), messageId: receiptMessageId(request.id) }],
    skipDuplicates: true,
  });
  if (rows.count === 1) return true;
  const revived = await tx.receiptEmail.updateMany({
    where: { requestId: request.id, status: "cancelled" },
    data: { status: "pending", nextAttemptAt: new Date(), lastError: null },
  });
  return revived.count === 1;
}
