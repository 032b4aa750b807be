// Key material: `jo_<mode>_<32 base62 chars>` (~190 bits). Only a SHA-256 hash and a short display
// prefix are stored (SPEC §4); the plain key exists once, in the creation response.
import { createHash, randomBytes } from "node:crypto";

export type KeyMode = "live" | "test";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BODY_LENGTH = 32;
export const KEY_RE = /^jo_(live|test)_[0-9A-Za-z]{32}$/;

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 62 * 4: rejecting bytes ≥ 248 keeps every character equally likely.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export function generateKey(mode: KeyMode): string {
  return `jo_${mode}_${randomBase62(BODY_LENGTH)}`;
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function displayPrefix(key: string): string {
  return key.slice(0, "jo_live_".length + 4);
}

/** The mode a well-formed key claims, or null for anything malformed. */
export function keyMode(key: string): KeyMode | null {
  const m = KEY_RE.exec(key);
  return m ? (m[1] as KeyMode) : null;
}
