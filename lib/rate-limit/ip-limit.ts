// Per-IP budgets for callers without a key: the pay page's public endpoints and form, failed API
// key attempts. Each bucket counts separately per address (an IPv6 address's /64: limitSubject).
import { limitSubject } from "./client-ip";
import { counterStore, hit } from "./counters";

export interface IpLimit {
  /** Rate-limit bucket name; each bucket counts separately per IP. */
  bucket: string;
  /** Requests per minute per IP in this bucket. */
  limitPerMinute: number;
}

/**
 * Proof submissions from the pay page: the public endpoint and the no-JavaScript form count in this
 * one bucket, so neither is a way around the other's limit.
 */
export const PAY_PROOF_LIMIT: IpLimit = { bucket: "pay_proof", limitPerMinute: 10 };

/** One hit against an IP's bucket. */
export async function hitIpLimit(ip: string, limit: IpLimit) {
  return hit(await counterStore(), `ip:${limitSubject(ip)}:${limit.bucket}`, limit.limitPerMinute);
}
