// Webhook secrets must be usable for signing yet never readable from a database dump or a log, so
// they are stored sealed with AES-256-GCM. The key is derived (HKDF-SHA256) from JOPAY_SECRET.
//
// Development/test fallback: config() only demands JOPAY_SECRET in production. Without it we derive
// the key from a fixed, public development string — secrets sealed that way are NOT protected and
// are unreadable once a real JOPAY_SECRET is set (re-create or rotate the endpoint's secret then).
// Changing JOPAY_SECRET in production likewise makes existing sealed secrets unreadable.
//
// The endpoint id is bound as additional authenticated data, so a sealed secret copied onto another
// endpoint row does not open.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { DEV_FALLBACK_SECRET } from "@/lib/app-secret";
import { config } from "@/lib/config";

const VERSION = "v1";

let cachedKey: { source: string; key: Buffer } | undefined;

function boxKey(): Buffer {
  const env = config();
  // config() already demands JOPAY_SECRET in production; refuse here too rather than seal with a public key.
  if (!env.JOPAY_SECRET && env.NODE_ENV === "production") throw new Error("JOPAY_SECRET is required to seal webhook secrets");
  const source = env.JOPAY_SECRET ?? DEV_FALLBACK_SECRET;
  if (cachedKey?.source !== source) {
    const key = Buffer.from(hkdfSync("sha256", source, "jopay", "webhook-secret-box/v1", 32));
    cachedKey = { source, key };
  }
  return cachedKey.key;
}

/** `v1:<base64url(iv | tag | ciphertext)>` */
export function sealSecret(plain: string, endpointId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", boxKey(), iv);
  cipher.setAAD(Buffer.from(`webhook_endpoint:${endpointId}`));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64url")}`;
}

export function openSecret(sealed: string, endpointId: string): string {
  const [version, data] = sealed.split(":", 2);
  if (version !== VERSION || !data) throw new Error("unknown sealed secret format");
  const raw = Buffer.from(data, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", boxKey(), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(`webhook_endpoint:${endpointId}`));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
