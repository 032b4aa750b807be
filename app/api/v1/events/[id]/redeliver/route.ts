/** Tenant + mode: redeliverEvent looks the event (and any named endpoint) up within the key's partner and mode. */
import { withApiKey } from "@/lib/api/with-api-key";
import { webhookOperations } from "@/lib/api/operations/webhooks";
import { redeliverEvent } from "@/lib/webhooks/redeliver-event";
import { serializeEventDetail } from "@/lib/webhooks/serialize-event";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// POST /api/v1/events/:id/redeliver — queue the event again, same webhook-id, fresh retry schedule
export const POST = withApiKey(webhookOperations.redeliverEvent, async ({ ctx, params, body }) => serializeEventDetail(await redeliverEvent(ctx, params.id, body)));

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const GET = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
