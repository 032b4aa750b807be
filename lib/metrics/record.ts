// What the rest of JoPay calls to count things (lib/metrics/registry.ts holds the metrics). Label
// values must come from small fixed sets — operation ids, bucket names, status codes — never from
// ids, keys, addresses or URLs: each distinct value is a time series kept for ever.
import { metrics } from "./registry";

/** One answered API request: its operation id (e.g. `createRequest`), HTTP status and duration. */
export function recordApiRequest(operationId: string, status: number, seconds: number): void {
  if (!Number.isFinite(seconds) || seconds < 0) return;
  metrics().apiRequestSeconds.observe({ operation: operationId, status: String(status) }, seconds);
}

/** One request refused with 429 by the limit `bucket` (`default`, `merchant_create`, `api_auth_failed`, `pay_proof`, …). */
export function recordRateLimitRejection(bucket: string): void {
  metrics().rateLimitRejections.inc({ bucket });
}

/** One webhook delivery attempt and how it ended (`statusCode` null: no HTTP answer at all). */
export function recordWebhookAttempt(success: boolean, statusCode: number | null): void {
  const m = metrics();
  m.webhookAttempts.inc({ result: success ? "success" : "failure" });
  if (success) return;
  const reason = statusCode === null ? "no_response" : statusCode >= 500 && statusCode < 600 ? "http_5xx" : statusCode >= 400 && statusCode < 500 ? "http_4xx" : "http_other";
  m.webhookFailures.inc({ reason });
}
