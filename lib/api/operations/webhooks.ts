// Operations of webhook endpoints and events (SPEC §5, §7).
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
import { EXAMPLE_IDS, EXAMPLE_WEBHOOK_URL } from "./example-values";
import { defineOperations } from "./operation";

const tag = "Webhooks";

export const webhookOperations = defineOperations({
  createWebhookEndpoint: {
    method: "post", path: "/api/v1/webhook_endpoints", summary: "Register a webhook endpoint", description: "The `secret` (whsec_…) is shown only in this response.", tag,
    scope: "webhooks:write", body: createWebhookEndpointInput, response: webhookEndpointWithSecretOutput, successStatus: 201,
    example: { body: { url: EXAMPLE_WEBHOOK_URL, description: "Order updates", events: ["payment.proof_verified", "payment.proof_rejected"] } },
  },
  listWebhookEndpoints: {
    method: "get", path: "/api/v1/webhook_endpoints", summary: "List webhook endpoints", tag,
    scope: "webhooks:read", query: listWebhookEndpointsQuery, response: webhookEndpointListOutput,
  },
  getWebhookEndpoint: {
    method: "get", path: "/api/v1/webhook_endpoints/{id}", summary: "Get a webhook endpoint", tag,
    scope: "webhooks:read", response: webhookEndpointOutput, errors: ["not_found"],
  },
  updateWebhookEndpoint: {
    method: "patch", path: "/api/v1/webhook_endpoints/{id}", summary: "Update a webhook endpoint", tag,
    scope: "webhooks:write", body: updateWebhookEndpointInput, response: webhookEndpointOutput, errors: ["not_found"],
    example: { body: { description: "Order updates (v2)" } },
  },
  deleteWebhookEndpoint: {
    method: "delete", path: "/api/v1/webhook_endpoints/{id}", summary: "Delete a webhook endpoint", tag,
    scope: "webhooks:write", response: deletedWebhookEndpointOutput, errors: ["not_found"],
  },
  rotateWebhookEndpointSecret: {
    method: "post", path: "/api/v1/webhook_endpoints/{id}/rotate_secret", summary: "Rotate the signing secret", description: "The new secret is shown once; the old one keeps signing alongside for 24 h.", tag,
    scope: "webhooks:write", response: webhookEndpointWithSecretOutput, errors: ["not_found"],
  },
  sendWebhookTestEvent: {
    method: "post", path: "/api/v1/webhook_endpoints/{id}/test", summary: "Send a test event",
    description: "Emits a `webhook.test` event delivered to this endpoint only (never to the partner's other endpoints), signed and retried like any event and listed in GET /api/v1/events. A disabled endpoint is refused (400).", tag,
    scope: "webhooks:write", response: eventDetailOutput, successStatus: 201, errors: ["not_found", "validation_error"],
  },
  listEvents: {
    method: "get", path: "/api/v1/events", summary: "List events", tag,
    scope: "webhooks:read", query: listEventsQuery, response: eventListOutput,
    example: { query: { type: "payment.proof_verified", limit: "50" } },
  },
  getEvent: {
    method: "get", path: "/api/v1/events/{id}", summary: "Get an event with its deliveries", tag,
    scope: "webhooks:read", response: eventDetailOutput, errors: ["not_found"],
  },
  redeliverEvent: {
    method: "post", path: "/api/v1/events/{id}/redeliver", summary: "Redeliver an event", tag,
    scope: "webhooks:write", body: redeliverEventInput, response: eventDetailOutput, errors: ["not_found"],
    example: { body: { webhook_endpoint_id: EXAMPLE_IDS.webhook_endpoint } },
  },
});
