// One error table (SPEC §4): code → HTTP status and default message. Domain code throws ApiError;
// the route wrapper turns it into `{ ok: false, error, message, ...extra }`; the OpenAPI document
// lists the same codes. Nothing else in the codebase decides an error status.

export const errorTable = {
  invalid_json: { status: 400, message: "The request body is not valid JSON.", fix: "Send a JSON object with Content-Type: application/json." },
  validation_error: { status: 400, message: "One or more fields are invalid.", fix: "Fix every field listed in `details` and retry." },
  invalid_idempotency_key: { status: 400, message: "idempotency_key must be 32–64 characters of base64url or hex.", fix: "Use a UUID, a SHA-256 hex digest of your order id, or a random 32-character token." },
  currency_mismatch: { status: 400, message: "fiat_currency_code does not match the merchant's currency.", fix: "Send the amount in `expected_fiat_code`, or omit fiat_currency_code." },
  merchant_onboarding_incomplete: { status: 400, message: "The merchant has not completed onboarding.", fix: "Send the merchant to their onboarding_url; retry once onboarding_status is complete." },
  merchant_disabled: { status: 400, message: "The merchant is disabled.", fix: "Ask the partner or a JoPay admin to enable the merchant." },
  expiry_not_allowed: { status: 400, message: "expiry_minutes is not one of the partner's allowed values.", fix: "Use one of `allowed_expiry_minutes`, or omit it for the default." },
  unauthorized: { status: 401, message: "Missing, malformed, unknown, revoked or expired API key.", fix: "Send `Authorization: Bearer jo_live_…` (or jo_test_…) with an active key." },
  insufficient_scope: { status: 403, message: "This API key lacks the scope this endpoint requires.", fix: "Use a key with `required_scope`, or create one in the partner console." },
  test_mode_only: { status: 403, message: "This endpoint is only available with a jo_test_ key.", fix: "Call it with a test-mode key." },
  not_found: { status: 404, message: "Not found.", fix: "Check the id; objects of other partners or the other mode are never visible." },
  method_not_allowed: { status: 405, message: "Method not allowed.", fix: "See the API reference for the methods this path accepts." },
  cannot_cancel: { status: 409, message: "The request can no longer be cancelled.", fix: "Only requests with status requested and proof_status none can be cancelled; see `request`." },
  merchant_already_onboarded: { status: 409, message: "This merchant has already completed onboarding.", fix: "Nothing to do: the merchant can take payments (see `onboarding_status`)." },
  wallet_address_conflict: { status: 409, message: "This wallet address belongs to another merchant.", fix: "Wallets are unique across JoPay; use another address or omit wallet_address." },
  proof_conflict: {
    status: 409,
    message: "This transaction is already the proof of another request.",
    fix: "Each transaction can pay one request; check the hash. If it paid this request (its reference or exact amount), JoPay moves it here by itself once it is verified.",
  },
  request_not_payable: { status: 409, message: "The request does not accept a proof in its current state.", fix: "See `request` for its current state." },
  request_not_refundable: { status: 409, message: "The request has no verified payment to refund.", fix: "Refunds are for verified payments (late and overpaid ones included); see `request`." },
  refund_exceeds_received: {
    status: 409,
    message: "The refund would take the payment's refunds past what was received.",
    fix: "Refund at most `refundable_usdc_micro` (received minus the refunds not cancelled or rejected).",
  },
  refund_wrong_state: { status: 409, message: "The refund does not allow this in its current status.", fix: "See `refund.status`: approve/decline only while requested, submit only while awaiting_transfer." },
  refund_tx_conflict: { status: 409, message: "This transaction is already the proof of a payment or of another refund.", fix: "Send the refund from the merchant's wallet and submit the hash of that transfer." },
  too_many_proofs: { status: 409, message: "The request already has the maximum number of proofs awaiting verification.", fix: "Wait until a pending proof is verified or rejected, then retry." },
  headers_too_large: { status: 431, message: "The request's URL and headers are larger than 16 KB.", fix: "Keep the URL and headers under 16 KB; send large data in a JSON body." },
  payload_too_large: { status: 413, message: "The request body is larger than 64 KiB.", fix: "Send a smaller body." },
  unsupported_media_type: { status: 415, message: "The request body must be JSON, sent with Content-Type: application/json.", fix: "Send Content-Type: application/json (a charset parameter is fine), or no body at all where the operation takes none." },
  rate_limited: { status: 429, message: "Too many requests.", fix: "Wait `Retry-After` seconds; spread load or ask for a higher limit." },
  internal_error: { status: 500, message: "Something went wrong on our side. It has been logged with the request id.", fix: "Retry later; contact support with the X-Request-Id." },
  service_unavailable: { status: 503, message: "The service is temporarily unavailable.", fix: "Retry after `Retry-After` seconds, with backoff.", retryAfterSeconds: 2 },
  amount_capacity_exhausted: {
    status: 503,
    message: "Every amount tag for this price is held by an open request to this merchant's wallet (10,000 of them).",
    fix: "Retry after `Retry-After` seconds, when the soonest of them expires, or change the amount by a cent.",
  },
  fx_unavailable: { status: 503, message: "No fresh exchange rate is available for this currency.", fix: "Retry after `Retry-After` seconds, with backoff; see GET /api/v1/fx/rates.", retryAfterSeconds: 30 },
} as const satisfies Record<string, { status: number; message: string; fix: string; retryAfterSeconds?: number }>;

export type ErrorCode = keyof typeof errorTable;

export interface FieldIssue {
  field: string;
  issue: string;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly extra: Record<string, unknown>;
  /** Extra response headers (e.g. Retry-After). */
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message?: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(message ?? errorTable[code].message);
    this.code = code;
    this.status = errorTable[code].status;
    this.extra = extra;
    // A 503 always says when to retry: the table's default unless the thrower knows better.
    const retry = (errorTable[code] as { retryAfterSeconds?: number }).retryAfterSeconds;
    this.headers = retry !== undefined && headers["Retry-After"] === undefined ? { "Retry-After": String(retry), ...headers } : headers;
  }

  body() {
    return { ok: false as const, error: this.code, message: this.message, ...this.extra };
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
