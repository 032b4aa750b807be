// Where a refund goes by default: the payer, i.e. the `from` of the verified transfer. The payment's
// signed receipt (lib/receipts/issue-receipt.ts) recorded it from the Transfer logs the verifier
// credited; it is our own row, so it is read back without re-verifying. A simulated payment has no
// payer (null): the caller must name the address.
import type { Tx } from "@/lib/db";
import { decodeCompactJws } from "@/lib/receipts/jws";
import { STORED_ADDRESS_RE } from "@/lib/schemas/hex";


export async function payerOf(tx: Tx, proofId: string): Promise<string | null> {
  const receipt = await tx.paymentReceipt.findFirst({ where: { proofId, reversedAt: null }, orderBy: [{ issuedAt: "desc" }, { id: "desc" }] });
  if (!receipt) return null;
  const { payload } = decodeCompactJws(receipt.jws);
  const payer = (payload as { payer?: unknown }).payer;
  return typeof payer === "string" && STORED_ADDRESS_RE.test(payer.toLowerCase()) ? payer.toLowerCase() : null;
}
