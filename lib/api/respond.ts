// JSON responses with the headers every API response carries (SPEC §4).
import { ZodError } from "zod";
import { ApiError, type FieldIssue } from "@/lib/errors";
import { isTransientDbError } from "@/lib/db/transient-error";
import { isUnstorableText } from "@/lib/db/unstorable-text";
import { log } from "@/lib/log";

export function json(body: unknown, status: number, headers: Record<string, string>): Response {
  return new Response(stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

// A replacer takes JSON.stringify off its fast path (a call per value: a list page is thousands),
// and serialised resources carry no bigint. A body with a bigint makes the plain call throw; it is
// then written with the replacer, which leaves every other value as it is — the same bytes as
// always, or the same error for a body that cannot be written at all.
function stringify(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch {
    return JSON.stringify(body, bigintReplacer);
  }
}

function bigintReplacer(_key: string, value: unknown) {
  return typeof value === "bigint" ? value.toString() : value;
}

/**
 * Every failing field, dotted (`metadata.order_id`), with zod's message. A record key's own issues
 * are nested under zod's generic "Invalid key in record"; they are the ones worth reading.
 */
export function zodDetails(err: ZodError): FieldIssue[] {
  return err.issues.map((i) => ({
    field: i.path.length ? i.path.map(String).join(".") : "(body)",
    issue: i.code === "invalid_key" && i.issues.length ? `key ${i.issues.map((k) => k.message).join("; ")}` : i.message,
  }));
}

export function validationError(err: ZodError, where: "body" | "query" = "body"): ApiError {
  return new ApiError("validation_error", `Invalid ${where === "body" ? "request body" : "query parameters"}.`, {
    details: zodDetails(err),
  });
}

/** Maps anything thrown to a client-safe error; unexpected ones are logged with the request id. */
export function toApiError(err: unknown, requestId: string): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) return validationError(err);
  if (isUnstorableText(err)) {
    // Last line of defence: the input schemas refuse these characters, so a field got past them.
    log.warn("text the database cannot store reached it", { requestId, error: String(err) });
    return new ApiError("validation_error", "A text field contains a character that cannot be stored.", {
      details: [{ field: "(body)", issue: "must not contain U+0000 (NUL) or other control characters" }],
    });
  }
  if (isTransientDbError(err)) {
    log.error("database unavailable", { requestId, error: err instanceof Error ? err.message : String(err) });
    // Retry-After: the error table's for service_unavailable.
    return new ApiError("service_unavailable", "The database is briefly unavailable. Retry after `Retry-After` seconds (a create with the same idempotency key is safe to retry).");
  }
  log.error("unhandled error", { requestId, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  return new ApiError("internal_error");
}

export function errorResponse(err: ApiError, headers: Record<string, string>): Response {
  return json(err.body(), err.status, { ...headers, ...err.headers });
}
