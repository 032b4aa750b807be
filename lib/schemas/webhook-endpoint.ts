// Webhook endpoints API shapes (SPEC §5, §7). The secret appears only in the create and
// rotate_secret responses (webhookEndpointWithSecretOutput); every other response omits it.
import { z } from "zod";
import { ALL_EVENT_TYPES, EVENT_TYPES } from "@/lib/events/event-types";
import { optionalText, paginationOutput, paginationQuery, refuseControlCharacters, isoTimestamp } from "./common";

/** Subscribable types (webhook.test is not: it goes only to the endpoint it is sent to). */
export const webhookEventType = z.enum(EVENT_TYPES);
/** Every type an event can carry, webhook.test included (event payloads and filters). */
export const anyEventType = z.enum(ALL_EVENT_TYPES);

/** Subscribed types; empty = every type, including ones added later. Duplicates are dropped. */
const eventList = z
  .array(webhookEventType)
  .max(EVENT_TYPES.length * 2, "too many entries")
  .transform((list) => [...new Set(list)])
  .describe("Event types to receive; an empty list means all types.");

const webhookUrl = refuseControlCharacters(z.string().min(1, "is required").max(2048, "must be at most 2048 characters")).describe(
  "https URL resolving to public addresses only (checked at registration and at every delivery).",
);

export const webhookEndpointOutput = z.object({
  webhook_endpoint_id: z.uuid(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(webhookEventType),
  disabled: z.boolean(),
  disabled_reason: z.string().nullable(),
  disabled_at: isoTimestamp.nullable(),
  /** While set, the previous secret still signs beside the current one (rotation overlap). */
  previous_secret_expires_at: isoTimestamp.nullable(),
  test_mode: z.boolean(),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
}).meta({ id: "WebhookEndpoint" });
export type WebhookEndpointOutput = z.infer<typeof webhookEndpointOutput>;

export const webhookEndpointWithSecretOutput = webhookEndpointOutput.extend({
  secret: z.string().describe("whsec_… — shown only in this response; store it to verify signatures."),
});

export const webhookEndpointListOutput = z.object({ webhook_endpoints: z.array(webhookEndpointOutput), ...paginationOutput });

export const createWebhookEndpointInput = z.strictObject({
  url: webhookUrl,
  description: optionalText(500, { multiline: true }),
  events: eventList.default([]),
});
export type CreateWebhookEndpointInput = z.output<typeof createWebhookEndpointInput>;

export const updateWebhookEndpointInput = z
  .strictObject({
    url: webhookUrl.optional(),
    description: optionalText(500, { multiline: true }),
    events: eventList.optional(),
    disabled: z.boolean().optional().describe("false re-enables an endpoint JoPay or you disabled."),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "send at least one field to change" });
export type UpdateWebhookEndpointInput = z.output<typeof updateWebhookEndpointInput>;

export const listWebhookEndpointsQuery = z.object({ ...paginationQuery });
export type ListWebhookEndpointsQuery = z.output<typeof listWebhookEndpointsQuery>;

export const deletedWebhookEndpointOutput = z.object({ webhook_endpoint_id: z.uuid(), deleted: z.literal(true) });
