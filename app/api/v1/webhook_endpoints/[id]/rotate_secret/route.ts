/** Tenant + mode: findEndpointOrNotFound (inside rotateEndpointSecret) makes foreign ids a plain 404. */
import { withApiKey } from "@/lib/api/with-api-key";
import { webhookOperations } from "@/lib/api/operations/webhooks";
import { rotateEndpointSecret } from "@/lib/webhooks/rotate-endpoint-secret";
import { serializeEndpoint } from "@/lib/webhooks/serialize-endpoint";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// POST /api/v1/webhook_endpoints/:id/rotate_secret — new secret (shown once); the old one signs too for 24 h
export const POST = withApiKey(webhookOperations.rotateWebhookEndpointSecret, async ({ ctx, params }) => {
  const { endpoint, secret } = await rotateEndpointSecret(ctx, params.id);
  return { ...serializeEndpoint(endpoint), secret };
});

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const GET = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
