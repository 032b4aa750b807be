import { ApiError } from "@/lib/errors";
import type { Refund } from "@/lib/generated/prisma/client";
import { serializeRefund } from "./serialize-refund";

/** 409 refund_wrong_state naming what the refund is now and what the action needs. */
export function refundWrongState(refund: Refund, action: string, allowed: readonly string[]): ApiError {
  return new ApiError("refund_wrong_state", `A refund with status ${refund.status} cannot be ${action} (only while ${allowed.join(" or ")}).`, {
    refund: serializeRefund(refund),
  });
}
