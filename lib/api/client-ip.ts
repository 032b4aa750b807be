// The caller's address for per-IP limits (public pay endpoints, console sign-in throttling).
// Behind our load balancer, X-Forwarded-For ends with the address the balancer itself saw; every
// earlier entry is whatever the client chose to send, so only the last hop is trusted (taking the
// first would let anyone reset their limit by inventing a header). Without a proxy there is no
// header and every caller shares the "unknown" bucket, which errs towards limiting.
export function clientIpFrom(headers: Headers): string {
  const hops = headers.get("x-forwarded-for")?.split(",").map((h) => h.trim()).filter(Boolean);
  const ip = hops?.at(-1) || headers.get("x-real-ip")?.trim() || "unknown";
  // Bound what reaches a counter key: a header is client-controlled text.
  return ip.slice(0, 64);
}
