/** Tenant + mode: findEndpointOrNotFound makes other partners' and modes' ids a plain 404. */
import { withApiKey } from "@/lib/api/with-api-key";
import { webhookOperations } from "@/lib/api/operations/webhooks";
import { deleteWebhookEndpoint } from "@/lib/webhooks/delete-endpoint";
import { findEndpointOrNotFound } from "@/lib/webhooks/find-endpoint";
import { serializeEndpoint } from "@/lib/webhooks/serialize-endpoint";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-endpoint";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// GET /api/v1/webhook_endpoints/:id — one endpoint (never its secret)
export const GET = withApiKey(webhookOperations.getWebhookEndpoint, async ({ ctx, params }) => serializeEndpoint(await findEndpointOrNotFound(ctx, params.id)));

// PATCH /api/v1/webhook_endpoints/:id — change url, description, events, or disable/re-enable
export const PATCH = withApiKey(webhookOperations.updateWebhookEndpoint, async ({ ctx, params, body }) => serializeEndpoint(await updateWebhookEndpoint(ctx, params.id, body)));

// DELETE /api/v1/webhook_endpoints/:id — delete the endpoint and its delivery log
export const DELETE = withApiKey(webhookOperations.deleteWebhookEndpoint, async ({ ctx, params }) => {
  const endpoint = await deleteWebhookEndpoint(ctx, params.id);
  return { webhook_endpoint_id: endpoint.id, deleted: true };
});

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed;
