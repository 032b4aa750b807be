// Compact JWS (RFC 7515) with EdDSA over Ed25519 (RFC 8037), by node:crypto alone: the signature
// is over exactly the bytes `base64url(header).base64url(payload)`, and those bytes are what is
// stored, so nothing later (a key rotation, a JSON library's key order) can change a receipt.
import { sign, type KeyObject } from "node:crypto";

const b64url = (s: string) => Buffer.from(s, "utf8").toString("base64url");

export function signCompactJws(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  // Ed25519 hashes internally: the algorithm argument must be null.
  return `${input}.${sign(null, Buffer.from(input, "ascii"), key).toString("base64url")}`;
}

/** The header and payload of a compact JWS we issued (no verification: ours, read back from our table). */
export function decodeCompactJws(jws: string): { header: unknown; payload: unknown } {
  const [h, p] = jws.split(".");
  return { header: JSON.parse(Buffer.from(h, "base64url").toString("utf8")), payload: JSON.parse(Buffer.from(p, "base64url").toString("utf8")) };
}
