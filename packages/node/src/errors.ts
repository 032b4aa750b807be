// The errors the SDK throws. An answer from JoPay that is not a success is a JoPayError carrying
// the error table's `code` (https://…/docs/errors), the HTTP status, the message and the
// X-Request-Id to quote to support; a call that got no answer at all is a JoPayConnectionError.
import type { ErrorCode } from "./generated.js";

/** A field JoPay refused, as listed in a validation_error's `details`. */
export interface FieldIssue {
  field: string;
  issue: string;
}

export class JoPayError extends Error {
  override readonly name = "JoPayError";
  /** HTTP status of the answer. */
  readonly status: number;
  /** The error table's code; `unexpected_response` when the answer was not JoPay's JSON (a proxy's page). */
  readonly code: ErrorCode | "unexpected_response";
  /** The X-Request-Id of the call (quote it to support), or null when the answer had none. */
  readonly requestId: string | null;
  /** Every refused field of a validation_error. */
  readonly details: FieldIssue[];
  /** Seconds the answer asked to wait (Retry-After), when it said. */
  readonly retryAfterSeconds: number | null;
  /** The whole error body (extra fields such as `required_scope`, `expected_fiat_code`, `request`). */
  readonly body: Record<string, unknown>;

  constructor(init: { status: number; code: JoPayError["code"]; message: string; requestId: string | null; body?: Record<string, unknown>; retryAfterSeconds?: number | null }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.body = init.body ?? {};
    this.details = Array.isArray(this.body.details) ? (this.body.details as FieldIssue[]) : [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

/** No answer: the connection failed or the call timed out (after every retry the call allowed). */
export class JoPayConnectionError extends Error {
  override readonly name = "JoPayConnectionError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A webhook that does not verify: missing headers, a bad or stale signature, a secret of the wrong form. */
export class WebhookVerificationError extends Error {
  override readonly name = "WebhookVerificationError";
}
