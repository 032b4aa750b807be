// Partner console: cancel a request (the API's cancelRequest: same state rule, same event).
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { partnerScope, type ConsoleCtx } from "../context";

export const requestIdInput = z.object({ requestId: z.string() });

export async function cancelRequestAction(ctx: ConsoleCtx, raw: z.input<typeof requestIdInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const { requestId } = requestIdInput.parse(raw);
  const voided = await cancelRequest(scope, requestId);
  await db.$transaction((tx) =>
    recordAudit(tx, { actor: user, action: "request.cancelled", partnerId: partner.id, targetType: "request", targetId: voided.id, before: { status: "requested" }, after: { status: voided.status }, ip: ctx.ip }),
  );
  return voided;
}
