// The loops a worker runs. Each capability adds its loop here; the logic lives in lib/.
import { receiptEmailLoop } from "@/lib/email/receipt-email-loop";
import { finalityCheckLoop } from "@/lib/payments/check-finality";
import { proofCheckLoop } from "@/lib/payments/check-proofs";
import { transferWatchLoop } from "@/lib/payments/watch-transfers";
import { refundCheckLoop } from "@/lib/refunds/check-refunds";
import { expiryLoop } from "@/lib/requests/expire-requests";
import { webhookDeliveryLoop } from "@/lib/webhooks/delivery-loop";
import type { Loop } from "@/lib/loop";

export function allLoops(): Loop[] {
  return [
    webhookDeliveryLoop(),
    proofCheckLoop(),
    finalityCheckLoop(),
    transferWatchLoop(),
    expiryLoop(),
    receiptEmailLoop(),
    refundCheckLoop(),
  ];
}
