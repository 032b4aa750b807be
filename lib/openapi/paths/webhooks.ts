// OpenAPI operations of webhook endpoints and events (SPEC §5, §7). Drafted by the API issue from
// the webhooks issue's schemas; the webhooks engineer owns the wording and keeps it in step.
import { eventDetailOutput, eventListOutput, listEventsQuery, redeliverEventInput } from "@/lib/schemas/event";
import {
  createWebhookEndpointInput,
  deletedWebhookEndpointOutput,
  listWebhookEndpointsQuery,
  updateWebhookEndpointInput,
  webhookEndpointListOutput,
  webhookEndpointOutput,
  webhookEndpointWithSecretOutput,
} from "@/lib/schemas/webhook-endpoint";
import type { ApiOperation } from "../operation";

const tag = "Webhooks";

export const webhookOperations: ApiOperation[] = [
  { method: "post", path: "/api/v1/webhook_endpoints", operationId: "createWebhookEndpoint", summary: "Register a webhook endpoint", description: "The `secret` (whsec_…) is shown only in this response.", tag, scope: "webhooks:write", body: createWebhookEndpointInput, response: webhookEndpointWithSecretOutput, successStatus: 201 },
  { method: "get", path: "/api/v1/webhook_endpoints", operationId: "listWebhookEndpoints", summary: "List webhook endpoints", tag, scope: "webhooks:read", query: listWebhookEndpointsQuery, response: webhookEndpointListOutput },
  { method: "get", path: "/api/v1/webhook_endpoints/{id}", operationId: "getWebhookEndpoint", summary: "Get a webhook endpoint", tag, scope: "webhooks:read", response: webhookEndpointOutput, errors: ["not_found"] },
  { method: "patch", path: "/api/v1/webhook_endpoints/{id}", operationId: "updateWebhookEndpoint", summary: "Update a webhook endpoint", tag, scope: "webhooks:write", body: updateWebhookEndpointInput, response: webhookEndpointOutput, errors: ["not_found"] },
  { method: "delete", path: "/api/v1/webhook_endpoints/{id}", operationId: "deleteWebhookEndpoint", summary: "Delete a webhook endpoint", tag, scope: "webhooks:write", response: deletedWebhookEndpointOutput, errors: ["not_found"] },
  { method: "post", path: "/api/v1/webhook_endpoints/{id}/rotate_secret", operationId: "rotateWebhookEndpointSecret", summary: "Rotate the signing secret", description: "The new secret is shown once; the old one keeps signing alongside for 24 h.", tag, scope: "webhooks:write", response: webhookEndpointWithSecretOutput, errors: ["not_found"] },
  { method: "post", path: "/api/v1/webhook_endpoints/{id}/test", operationId: "sendWebhookTestEvent", summary: "Send a test event", description: "Emits a `webhook.test` event delivered to this endpoint only (never to the partner's other endpoints), signed and retried like any event and listed in GET /api/v1/events. A disabled endpoint is refused (400).", tag, scope: "webhooks:write", response: eventDetailOutput, successStatus: 201, errors: ["not_found", "validation_error"] },
  { method: "get", path: "/api/v1/events", operationId: "listEvents", summary: "List events", tag, scope: "webhooks:read", query: listEventsQuery, response: eventListOutput },
  { method: "get", path: "/api/v1/events/{id}", operationId: "getEvent", summary: "Get an event with its deliveries", tag, scope: "webhooks:read", response: eventDetailOutput, errors: ["not_found"] },
  { method: "post", path: "/api/v1/events/{id}/redeliver", operationId: "redeliverEvent", summary: "Redeliver an event", tag, scope: "webhooks:write", body: redeliverEventInput, response: eventDetailOutput, errors: ["not_found"] },
];
