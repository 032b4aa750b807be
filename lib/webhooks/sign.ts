// Standard Webhooks v1 signing (SPEC §7): `webhook-signature: v1,<base64 HMAC-SHA256 of
// "{id}.{timestamp}.{body}">`, keyed with the bytes of the secret's base64 part after `whsec_`.
// The signature covers the exact bytes we send, so callers sign the same Buffer they POST.
import { createHmac, randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";

/** `whsec_<base64 of 32 random bytes>` — the format every standardwebhooks library accepts. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error("webhook secret must start with whsec_");
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), "base64");
  if (key.length === 0) throw new Error("webhook secret is empty");
  return key;
}

/** One `v1,<base64>` signature. */
export function signV1(secret: string, id: string, timestampSeconds: number, body: Buffer | string): string {
  const mac = createHmac("sha256", secretKey(secret));
  mac.update(`${id}.${timestampSeconds}.`);
  mac.update(body);
  return `v1,${mac.digest("base64")}`;
}

export interface WebhookHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/**
 * Headers for one attempt. `secrets` holds the current secret and, during a rotation, the previous
 * one: each signs, space-separated, so receivers on either secret verify (SPEC §7).
 */
export function webhookHeaders(id: string, timestampSeconds: number, body: Buffer | string, secrets: string[]): WebhookHeaders {
  if (secrets.length === 0) throw new Error("at least one webhook secret is required");
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": secrets.map((s) => signV1(s, id, timestampSeconds, body)).join(" "),
  };
}
