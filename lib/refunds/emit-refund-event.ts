// A refund event: `data` is the request object (with its latest proof and every refund, so the
// partner sees the whole picture) and `refund` the refund it is about. Written with the caller's
// transaction client, so the event commits with the change (lib/events/emit-event.ts).
import type { Tx } from "@/lib/db";
import { emitEvent } from "@/lib/events/emit-event";
import type { PaymentRequest, Refund } from "@/lib/generated/prisma/client";
import { latestProof } from "@/lib/payments/latest-proof";
import { serializeRequest } from "@/lib/requests/serialize-request";
import { refundsOf } from "./list-refunds";
import { serializeRefund } from "./serialize-refund";

export type RefundEventType = "payment.refunded" | "payment.refund_reversed" | "refund.requested";

export async function emitRefundEvent(tx: Tx, type: RefundEventType, request: PaymentRequest, refund: Refund) {
  const proof = await latestProof(request.id, tx);
  const refunds = await refundsOf(request.id, tx);
  return emitEvent(tx, {
    partnerId: request.partnerId,
    testMode: request.testMode,
    type,
    data: serializeRequest(request, proof, refunds),
    requestId: request.id,
    merchantId: request.merchantId,
    refund: serializeRefund(refund),
  });
}
