// Partner console: cancel a request (the API's cancelRequest: same state rule, same event).
import { z } from "zod";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { partnerScope, type ConsoleCtx } from "../context";

export const requestIdInput = z.object({ requestId: z.string() });

export async function cancelRequestAction(ctx: ConsoleCtx, raw: z.input<typeof requestIdInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const { requestId } = requestIdInput.parse(raw);
  // The audit row commits with the void and its request.voided event, or not at all.
  return cancelRequest(scope, requestId, {
    audit: (r) => ({ actor: user, action: "request.cancelled", partnerId: partner.id, targetType: "request", targetId: r.id, before: { status: "requested" }, after: { status: r.status }, ip: ctx.ip }),
  });
}
