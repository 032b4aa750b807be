// Verifying JoPay's webhooks: Standard Webhooks v1 (https://www.standardwebhooks.com), implemented
// on node:crypto so the SDK needs no dependency. JoPay signs "{webhook-id}.{webhook-timestamp}.{body}"
// with HMAC-SHA256, keyed with the base64-decoded part of the endpoint's `whsec_…` secret, and
// sends `webhook-signature: v1,<base64>` — several, space-separated, while a rotated secret's old
// one still signs. A delivery verifies when any v1 signature matches and its timestamp is within
// five minutes of now (older ones are replays; newer ones a clock error).
import { createHmac, timingSafeEqual } from "node:crypto";
import { WebhookVerificationError } from "./errors.js";
import type { WebhookEvent as DocumentedWebhookEvent } from "./generated.js";

/** Standard Webhooks' tolerance for the timestamp, both ways. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;
const SECRET_PREFIX = "whsec_";
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The event POST /api/v1/webhook_endpoints/{id}/test sends. It is delivered only to the endpoint
 * it was sent to and is not in the OpenAPI `webhooks` section (nothing subscribes to it).
 */
export interface WebhookTestEvent {
  id: string;
  type: "webhook.test";
  created_at: string;
  test_mode: boolean;
  data: { webhook_endpoint_id: string; message: string };
}

/** Any webhook JoPay sends; narrow on `type`. */
export type WebhookEvent = DocumentedWebhookEvent | WebhookTestEvent;

/** The request's headers: a fetch `Headers`, or Node's `req.headers` (any case). */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** Default 300 (Standard Webhooks). */
  toleranceSeconds?: number;
  /** The time to check the timestamp against (default: now). */
  now?: Date;
}

function header(headers: WebhookHeaders, name: string): string | null {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value.join(" ") : (value ?? null);
  }
  return null;
}

function secretKey(secret: string): Buffer {
  if (typeof secret !== "string") throw new WebhookVerificationError("The webhook secret must be a string (whsec_…).");
  const b64 = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (!BASE64.test(b64)) throw new WebhookVerificationError("The webhook secret is not a whsec_ secret (whsec_ followed by base64).");
  return Buffer.from(b64, "base64");
}

/** The `v1,<base64>` signature of `body` under `secret` (what JoPay sends). */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string | Uint8Array): string {
  const mac = createHmac("sha256", secretKey(secret));
  mac.update(`${id}.${timestampSeconds}.`);
  mac.update(typeof body === "string" ? Buffer.from(body, "utf8") : body);
  return `v1,${mac.digest("base64")}`;
}

/**
 * Checks a delivery and returns its event; throws WebhookVerificationError when it does not verify.
 * `payload` must be the raw body exactly as received (a string or the bytes), not parsed JSON:
 * parsing and re-serialising changes the bytes the signature covers. `secret` may be a list, for a
 * receiver that holds both secrets while rotating.
 */
export function verifyWebhook(payload: string | Uint8Array, headers: WebhookHeaders, secret: string | string[], options: VerifyOptions = {}): WebhookEvent {
  if (typeof payload !== "string" && !(payload instanceof Uint8Array)) {
    throw new WebhookVerificationError("Pass the raw request body (a string or Buffer), not parsed JSON.");
  }
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError("Missing webhook-id, webhook-timestamp or webhook-signature header.");
  if (!/^\d{1,15}$/.test(timestamp)) throw new WebhookVerificationError("The webhook-timestamp header is not a Unix time in seconds.");

  const seconds = Number(timestamp);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  if (now - seconds > tolerance) throw new WebhookVerificationError("The webhook timestamp is too old.");
  if (seconds - now > tolerance) throw new WebhookVerificationError("The webhook timestamp is too far in the future.");

  const offered = signatures
    .split(" ")
    .map((s) => s.split(","))
    .filter(([version, sig]) => version === "v1" && sig)
    .map(([, sig]) => Buffer.from(sig, "utf8"));
  const secrets = Array.isArray(secret) ? secret : [secret];
  if (secrets.length === 0) throw new WebhookVerificationError("No webhook secret given.");
  const matched = secrets.some((s) => {
    const expected = Buffer.from(signWebhook(s, id, seconds, payload).slice(3), "utf8");
    // Constant time over equal lengths; a length mismatch says nothing about the secret.
    return offered.some((sig) => sig.length === expected.length && timingSafeEqual(sig, expected));
  });
  if (!matched) throw new WebhookVerificationError("No webhook signature matches.");

  let event: unknown;
  try {
    event = JSON.parse(typeof payload === "string" ? payload : Buffer.from(payload).toString("utf8"));
  } catch {
    throw new WebhookVerificationError("The webhook body is not JSON.");
  }
  if (!event || typeof event !== "object" || typeof (event as { type?: unknown }).type !== "string") {
    throw new WebhookVerificationError("The webhook body is not a JoPay event.");
  }
  return event as WebhookEvent;
}
