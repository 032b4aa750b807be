// RECEIPT_SIGNING_KEYS: the Ed25519 keys that sign payment receipts, parsed from one variable.
// Pure (node:crypto only) so lib/config.ts validates it at boot without importing anything that
// reads the configuration itself.
//
// Format: comma- or whitespace-separated `kid:key` entries; `key` is the private key's PKCS#8 DER in
// base64 (`openssl genpkey -algorithm ed25519 -outform DER | base64 -w0`). The first entry signs new
// receipts; every entry's public key stays published in the JWKS, so receipts signed before a
// rotation keep verifying. Messages name the entry, never any key material.
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A `kid` fit for a JWS header and a JWKS: short, printable, no separators of our format. */
const KID_RE = /^[A-Za-z0-9._-]{1,64}$/;

// An Ed25519 PKCS#8 DER is this fixed 16-byte prefix followed by the 32-byte seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export class SigningKeyError extends Error {}

/** The purpose (lib/app-secret.ts) of the key derived when RECEIPT_SIGNING_KEYS is unset. */
export const DERIVED_KEY_PURPOSE = "receipt-signing:v1";

/** Parses the variable's value; throws SigningKeyError with every problem, one per line. */
export function parseSigningKeys(value: string): SigningKey[] {
  const entries = value.split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) throw new SigningKeyError("must list at least one kid:key entry");
  const problems: string[] = [];
  const keys: SigningKey[] = [];
  entries.forEach((entry, i) => {
    const at = entry.indexOf(":");
    const kid = at === -1 ? "" : entry.slice(0, at);
    const where = `entry ${i + 1}${KID_RE.test(kid) ? ` (kid "${kid}")` : ""}`;
    if (at === -1) return problems.push(`${where}: must be kid:key (the key id, a colon, the base64 PKCS#8 private key)`);
    if (!KID_RE.test(kid)) return problems.push(`${where}: the kid must be 1–64 characters of A–Z a–z 0–9 . _ -`);
    if (keys.some((k) => k.kid === kid)) return problems.push(`${where}: kid listed twice`);
    const privateKey = ed25519PrivateKey(entry.slice(at + 1));
    if (!privateKey) {
      return problems.push(`${where}: not an Ed25519 private key in base64 PKCS#8 DER (openssl genpkey -algorithm ed25519 -outform DER | base64 -w0)`);
    }
    keys.push({ kid, privateKey, publicKey: createPublicKey(privateKey) });
  });
  if (problems.length) throw new SigningKeyError(problems.join("; "));
  return keys;
}

function ed25519PrivateKey(b64: string): KeyObject | null {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64)) return null;
  try {
    const key = createPrivateKey({ key: Buffer.from(b64, "base64"), format: "der", type: "pkcs8" });
    return key.asymmetricKeyType === "ed25519" ? key : null;
  } catch {
    return null;
  }
}

/**
 * The key used when RECEIPT_SIGNING_KEYS is unset (development, tests, the demo): derived from a
 * 32-byte secret (lib/app-secret.ts purposeKey), so it is the same on every run with the same app
 * secret. Its kid names the public key, so a different secret is visibly a different key.
 */
export function derivedSigningKey(seed: Buffer): SigningKey {
  if (seed.length !== 32) throw new Error("an Ed25519 seed is 32 bytes");
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: "der", type: "spki" });
  return { kid: `dev-${createHash("sha256").update(raw).digest("hex").slice(0, 12)}`, privateKey, publicKey };
}

/** One `kid:key` entry of the variable, for launchers that pass a key on (never logged). */
export function signingKeyEntry(key: SigningKey): string {
  return `${key.kid}:${key.privateKey.export({ format: "der", type: "pkcs8" }).toString("base64")}`;
}
