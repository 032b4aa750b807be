// The process's receipt signing keys: RECEIPT_SIGNING_KEYS when set (validated at boot by
// lib/config.ts), else — outside production, which refuses to start without it — one key derived
// from the app secret, the way every other dev key is (lib/app-secret.ts). Private keys stay in
// this module's KeyObjects: never logged, never serialised; only the JWKS's public halves leave.
import { purposeKey } from "@/lib/app-secret";
import type { z } from "zod";
import { config } from "@/lib/config";
import type { receiptJwksOutput } from "@/lib/schemas/receipt";
import { DERIVED_KEY_PURPOSE, derivedSigningKey, parseSigningKeys, type SigningKey } from "./signing-key-entries";

export interface ReceiptKeys {
  /** Signs new receipts. */
  active: SigningKey;
  /** Every published key, the active one first. */
  all: SigningKey[];
}

/** One published key, as the JWKS answer's schema declares it. */
export type ReceiptJwk = z.output<typeof receiptJwksOutput>["keys"][number];

let cached: { source: string; keys: ReceiptKeys } | undefined;

export function receiptKeys(): ReceiptKeys {
  const configured = config().RECEIPT_SIGNING_KEYS;
  // Keyed by what they were built from, so tests that change the configuration see the change.
  const seed = configured ? null : purposeKey(DERIVED_KEY_PURPOSE);
  const source = configured ?? `derived:${seed!.toString("base64url")}`;
  if (cached?.source !== source) {
    const all = seed ? [derivedSigningKey(seed)] : parseSigningKeys(configured!);
    cached = { source, keys: { active: all[0], all } };
  }
  return cached.keys;
}

/** The public JWK of a key, as the JWKS publishes it. */
export function publicJwk(key: SigningKey): ReceiptJwk {
  const jwk = key.publicKey.export({ format: "jwk" });
  return { kty: "OKP", crv: "Ed25519", x: jwk.x!, kid: key.kid, alg: "EdDSA", use: "sig" };
}

/** GET /api/v1/receipts/jwks.json: every published key's public half. */
export function receiptJwks(): { keys: ReceiptJwk[] } {
  return { keys: receiptKeys().all.map(publicJwk) };
}
