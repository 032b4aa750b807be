// "Send test event" (SPEC §8 console; API POST /webhook_endpoints/:id/test): a webhook.test event
// for ONE endpoint of the caller's partner and mode, written to the outbox and delivered like any
// other event — signed, retried, logged, listed in GET /events, redeliverable — but never fanned
// out to the partner's other endpoints (lib/events/event-types.ts). It changes no other state.
import { ApiError } from "@/lib/errors";
import type { TenantScope } from "@/lib/tenancy";
import { recordAuditFor, type AuditFor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { emitEvent } from "@/lib/events/emit-event";
import { TEST_EVENT_TYPE } from "@/lib/events/event-types";
import type { Event } from "@/lib/generated/prisma/client";
import { findEndpointOrNotFound } from "./find-endpoint";
import { findEventOrNotFound } from "./find-event";

export async function sendTestEvent(scope: TenantScope, endpointId: string, opts: { audit?: AuditFor<Event> } = {}) {
  const event = await db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrNotFound(scope, endpointId, tx);
    if (endpoint.disabled) {
      throw new ApiError("validation_error", "Cannot send a test event to a disabled endpoint.", {
        details: [{ field: "id", issue: "the endpoint is disabled; enable it first (PATCH disabled: false)" }],
      });
    }
    const event = await emitEvent(tx, {
      partnerId: scope.partnerId,
      testMode: scope.testMode,
      type: TEST_EVENT_TYPE,
      data: { webhook_endpoint_id: endpoint.id, message: "A test event from JoPay. It changes nothing; answer 2xx to show your endpoint receives and verifies webhooks." },
      targetEndpointId: endpoint.id,
    });
    await recordAuditFor(tx, opts.audit, event);
    return event;
  });
  return findEventOrNotFound(scope, event.id);
}
