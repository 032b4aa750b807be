// Who may read metrics: the bearer of METRICS_TOKEN. Unset, metrics are not served at all. The
// comparison takes the same time wherever the tokens differ (both sides hashed to one length first,
// then compared with timingSafeEqual), so timing tells a caller nothing about the token.
import { createHash, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";

export type MetricsAccess = "disabled" | "refused" | "allowed";

export function metricsAccess(authorization: string | null | undefined): MetricsAccess {
  const token = config().METRICS_TOKEN;
  if (!token) return "disabled";
  const presented = /^Bearer (\S+)$/i.exec(authorization?.trim() ?? "")?.[1];
  if (!presented) return "refused";
  return timingSafeEqual(digest(presented), digest(token)) ? "allowed" : "refused";
}

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
