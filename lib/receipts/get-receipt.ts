// GET /api/v1/receipts/{request_id}: a payment's receipt for anyone holding the request id — the
// same capability as the pay link. A receipt holds nothing secret (no customer fields, memo or
// metadata): it is meant to be handed to auditors.
import { assertIdShape, notFound } from "@/lib/tenancy";
import { db } from "@/lib/db";
import { receiptOutput, receiptSummary, type ReceiptOutput } from "@/lib/schemas/receipt";
import { receiptStatusOf } from "./issue-receipt";
import { decodeCompactJws } from "./jws";
import { receiptJwksUrl, receiptUrl } from "./receipt-url";

/** The request's newest receipt with its status now, plus the earlier (reversed) ones. */
export async function getReceipt(requestId: string): Promise<ReceiptOutput> {
  assertIdShape(requestId);
  const rows = await db.paymentReceipt.findMany({
    where: { requestId },
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
    include: { proof: { select: { finalizedAt: true } } },
  });
  if (rows.length === 0) throw notFound();
  const summary = (r: (typeof rows)[number]) =>
    receiptSummary.parse({
      receipt_id: r.id,
      // The proof's finality belongs to its newest verification, which an older receipt never is.
      status: receiptStatusOf(r, r === rows[0] ? r.proof.finalizedAt : null),
      issued_at: r.issuedAt.toISOString(),
      reversed_at: r.reversedAt ? r.reversedAt.toISOString() : null,
      kid: r.kid,
      jws: r.jws,
    });
  const [current, ...previous] = rows;
  const { header, payload } = decodeCompactJws(current.jws);
  return receiptOutput.parse({
    ...summary(current),
    request_id: requestId,
    url: receiptUrl(requestId),
    jwks_url: receiptJwksUrl(),
    finalized_at: !current.reversedAt && current.proof.finalizedAt ? current.proof.finalizedAt.toISOString() : null,
    header,
    claims: payload,
    previous: previous.map(summary),
  });
}
