// The client address for sign-in throttling: the first X-Forwarded-For hop (set by our proxy),
// else X-Real-IP, else "unknown" (all such clients then share one throttle bucket).
export function clientIpFrom(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}
