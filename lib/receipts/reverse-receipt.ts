// A reorg removed a verified payment (lib/payments/reverse-payment.ts): its receipt is kept as it
// was signed — it attests what was verified then — and marked reversed, in the reversal's own
// transaction, so the public URL and the payment.reversed webhook say so.
import type { Tx } from "@/lib/db";
import type { PaymentReceipt } from "@/lib/generated/prisma/client";

/** Marks the proof's standing receipt reversed; returns it (null for a payment verified before receipts existed). */
export async function reverseReceipt(tx: Tx, proofId: string, at: Date): Promise<PaymentReceipt | null> {
  await tx.paymentReceipt.updateMany({ where: { proofId, reversedAt: null }, data: { reversedAt: at } });
  return tx.paymentReceipt.findFirst({ where: { proofId }, orderBy: [{ issuedAt: "desc" }, { id: "desc" }] });
}
