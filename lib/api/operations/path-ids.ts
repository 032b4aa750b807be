// What the `{id}` in an operation's path names, read off the segment before it
// (/requests/{id} → a request). The OpenAPI document takes each parameter's format from here, and
// the test walks know which object's id to put in the path.
export type Resource = "request" | "merchant" | "webhook_endpoint" | "event" | "paid_request" | "refund";

const BY_SEGMENT: Record<string, Resource> = {
  requests: "request",
  merchants: "merchant",
  webhook_endpoints: "webhook_endpoint",
  events: "event",
  // GET /receipts/{id}: a receipt is found by its request's id.
  receipts: "request",
  refunds: "refund",
};

/** The resource each `{param}` of the path identifies, in order. */
export function pathResources(path: string): { name: string; resource: Resource }[] {
  const segments = path.split("/");
  return segments.flatMap((s, i) => {
    const m = /^\{(\w+)\}$/.exec(s);
    if (!m) return [];
    const named = BY_SEGMENT[segments[i - 1]];
    if (!named) throw new Error(`${path}: no resource known for the segment before {${m[1]}}`);
    // /requests/{id}/refunds…: refunds exist only for a request with a verified payment.
    const resource: Resource = named === "request" && segments[i + 1] === "refunds" ? "paid_request" : named;
    return [{ name: m[1], resource }];
  });
}

/** Ids are UUIDv7, except events (`evt_` + 32 hex: the webhook-id of their deliveries). */
export const ID_FORMATS: Record<Resource, { pattern?: string; format?: string; description: string }> = {
  request: { format: "uuid", description: "The request's `request_id`." },
  merchant: { format: "uuid", description: "The merchant's `merchant_id`." },
  webhook_endpoint: { format: "uuid", description: "The endpoint's `webhook_endpoint_id`." },
  event: { pattern: "^evt_[0-9a-f]{32}$", description: "The event's `id` (also the `webhook-id` header of its deliveries)." },
  paid_request: { format: "uuid", description: "The request's `request_id` (refunds are for requests with a verified payment)." },
  refund: { format: "uuid", description: "The refund's `refund_id`." },
};
