// seeds: idempotency_key is 32–64 characters of base64url (A–Z a–z 0–9 _ -) or hex; hex is a
// subset of base64url, so one pattern covers both. Absent → a server-generated UUID, which gives
// no replay protection but keeps every row's (partner, merchant, key) unique.
import { randomUUID } from "node:crypto";
import { ApiError } from "@/lib/errors";

export const IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9_-]{32,64}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY_RE.test(key);
}

/** The key to store: the caller's (validated) or a fresh UUID; `given` says which. */
export function resolveIdempotencyKey(key: string | null | undefined): { key: string; given: boolean } {
  if (key === undefined || key === null) return { key: randomUUID(), given: false };
  if (!isValidIdempotencyKey(key)) throw new ApiError("invalid_idempotency_key");
  return { key, given: true };
}
