/**
 * Webhook endpoints collection. Tenant + mode: endpoints are created for the key's partner and mode
 * and receive only that mode's events; the list is confined by tenantWhere() in listWebhookEndpoints.
 */
import { withApiKey } from "@/lib/api/with-api-key";
import { webhookOperations } from "@/lib/api/operations/webhooks";
import { createWebhookEndpoint } from "@/lib/webhooks/create-endpoint";
import { listWebhookEndpoints } from "@/lib/webhooks/list-endpoints";
import { serializeEndpoint } from "@/lib/webhooks/serialize-endpoint";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// POST /api/v1/webhook_endpoints — register an endpoint; the whsec_ secret is shown only here
export const POST = withApiKey(webhookOperations.createWebhookEndpoint, async ({ ctx, body }) => {
  const { endpoint, secret } = await createWebhookEndpoint(ctx, body);
  return { status: 201, body: { ...serializeEndpoint(endpoint), secret } };
});

// GET /api/v1/webhook_endpoints — list the partner's endpoints in the key's mode
export const GET = withApiKey(webhookOperations.listWebhookEndpoints, async ({ ctx, query }) => {
  const { endpoints, hasMore } = await listWebhookEndpoints(ctx, query);
  return { webhook_endpoints: endpoints.map((e) => serializeEndpoint(e)), has_more: hasMore, limit: query.limit, offset: query.offset };
});

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
