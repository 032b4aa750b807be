/** Tenant + mode: listEvents confines the query with tenantWhere() to the key's partner and mode. */
import { withApiKey } from "@/lib/api/with-api-key";
import { webhookOperations } from "@/lib/api/operations/webhooks";
import { listEvents } from "@/lib/webhooks/list-events";
import { serializeDelivery, serializeEvent } from "@/lib/webhooks/serialize-event";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// GET /api/v1/events — the partner's events in the key's mode, newest first, with delivery status
export const GET = withApiKey(webhookOperations.listEvents, async ({ ctx, query }) => {
  const { events, hasMore } = await listEvents(ctx, query);
  return {
    events: events.map((e) => ({ ...serializeEvent(e), deliveries: e.deliveries.map(serializeDelivery) })),
    has_more: hasMore,
    limit: query.limit,
    offset: query.offset,
  };
});

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
