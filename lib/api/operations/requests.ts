// Operations of the Requests API (seeds: requests-api).
import { z } from "zod";
import { paginationOutput } from "@/lib/schemas/common";
import { IDEMPOTENCY_KEY_RE } from "@/lib/requests/idempotency-key";
import { createRequestInput, listRequestsQuery, requestOutput } from "@/lib/schemas/request";
import { EXAMPLE_IDS } from "./example-values";
import { defineOperations } from "./operation";

// An intersection, not .extend(): the answer stays a Request (one named type) plus the flag.
/** The header form of the body's idempotency_key (the usual spelling of HTTP clients and SDKs). */
export const idempotencyKeyHeader = {
  name: "Idempotency-Key",
  field: "idempotency_key",
  description:
    "Same as the body's `idempotency_key` (same rules, same replay): send either. Both with different values is 400 `validation_error`.",
  schema: z.string().regex(IDEMPOTENCY_KEY_RE),
};

const replayFlag = z.object({ idempotent_replay: z.literal(true).optional().describe("Present (true) when the idempotency key matched an existing request.") });

export const requestOperations = defineOperations({
  createRequest: {
    method: "post",
    path: "/api/v1/requests/create",
    summary: "Create a payment request",
    description:
      "201 for a new request; 200 with `idempotent_replay: true` when the idempotency key (body `idempotency_key` or the `Idempotency-Key` header) matched an existing one (returned unchanged).",
    tag: "Requests",
    scope: "requests:write",
    body: createRequestInput,
    bodyHeaders: [idempotencyKeyHeader],
    response: z.intersection(requestOutput, replayFlag),
    successStatus: 201,
    alsoStatuses: [200],
    errors: ["invalid_idempotency_key", "currency_mismatch", "merchant_onboarding_incomplete", "merchant_disabled", "expiry_not_allowed", "not_found", "fx_unavailable", "amount_capacity_exhausted"],
    example: { body: { merchant_id: EXAMPLE_IDS.merchant, fiat_amount_int: 1250, memo: "Order #1042", metadata: { order_id: "1042" } } },
  },
  listRequests: {
    method: "get",
    path: "/api/v1/requests",
    summary: "List requests",
    description:
      "Newest first: by `created_at`, then by `request_id`, both descending — a total order. `since` is inclusive, `until` exclusive. Use `has_more`, not the page length, to paginate; to walk a long list, pass the last `request_id` of a page as `starting_after` (new requests never shift it). `proof_verified_since`/`proof_verified_until` select verified requests by verification time.",
    tag: "Requests",
    scope: "requests:read",
    query: listRequestsQuery,
    response: z.object({ requests: z.array(requestOutput), ...paginationOutput }),
    errors: ["not_found"],
    example: { query: { merchant_id: EXAMPLE_IDS.merchant, limit: "20", starting_after: EXAMPLE_IDS.request } },
  },
  getRequest: {
    method: "get",
    path: "/api/v1/requests/{id}",
    summary: "Get a request",
    tag: "Requests",
    scope: "requests:read",
    response: requestOutput,
    errors: ["not_found"],
  },
  cancelRequest: {
    method: "post",
    path: "/api/v1/requests/{id}/cancel",
    summary: "Cancel a request",
    description: "Allowed only while status is requested and proof_status is none; otherwise 409 cannot_cancel with the current `request`.",
    tag: "Requests",
    scope: "requests:write",
    response: requestOutput,
    errors: ["not_found", "cannot_cancel"],
  },
});
