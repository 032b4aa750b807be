// The caller's address for per-IP limits (public pay endpoints, console sign-in throttling).
// Each of our proxies appends the address it saw to X-Forwarded-For; every entry before those is
// whatever the client chose to send. So the caller is the entry TRUSTED_PROXY_HOPS from the end —
// the address our outermost proxy saw (taking the first would let anyone reset their limit by
// inventing a header). Without a proxy there is no header and every caller shares the "unknown"
// bucket, which errs towards limiting.
import { config } from "@/lib/config";

export function clientIpFrom(headers: Headers, trustedHops: number = config().TRUSTED_PROXY_HOPS): string {
  const hops = headers.get("x-forwarded-for")?.split(",").map((h) => h.trim()).filter(Boolean) ?? [];
  // Fewer entries than proxies: the request skipped one of them; the first entry is the best we have.
  const ip = hops[Math.max(0, hops.length - trustedHops)] || headers.get("x-real-ip")?.trim() || "unknown";
  // Bound what reaches a counter key: a header is client-controlled text.
  return ip.slice(0, 64);
}
