/**
 * Tenant + mode: sendTestEvent looks the endpoint up within the key's partner and mode, so a foreign
 * id is a plain 404; the event goes to that endpoint only, never to the partner's other endpoints.
 */
import { withApiKey } from "@/lib/api/with-api-key";
import { webhookOperations } from "@/lib/api/operations/webhooks";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";
import { serializeEventDetail } from "@/lib/webhooks/serialize-event";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// POST /api/v1/webhook_endpoints/:id/test — send a signed webhook.test event to this endpoint only
export const POST = withApiKey(webhookOperations.sendWebhookTestEvent, async ({ ctx, params }) => ({ status: 201, body: serializeEventDetail(await sendTestEvent(ctx, params.id)) }));

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const GET = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
