// A fingerprint of every row a partner owns, table by table: equal snapshots before and after a
// batch of calls mean the calls wrote nothing (no half-written state, no foreign object touched).
import { sql } from "@/lib/db/sql";

/** Every row of the tenant's, as text: equal snapshots mean nothing was written. */
export async function tenantRows(partnerId: string) {
  const [row] = await sql<Record<string, string>>(
    `SELECT
      (SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM merchants x WHERE x."partnerId" = $1) AS merchants,
      (SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM payment_requests x WHERE x."partnerId" = $1) AS requests,
      (SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM proofs x JOIN payment_requests r ON r.id = x."requestId" WHERE r."partnerId" = $1) AS proofs,
      (SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM webhook_endpoints x WHERE x."partnerId" = $1) AS endpoints,
      (SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM refunds x WHERE x."partnerId" = $1) AS refunds,
      (SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM events x WHERE x."partnerId" = $1) AS events,
      (SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM webhook_deliveries x JOIN events e ON e.id = x."eventId" WHERE e."partnerId" = $1) AS deliveries,
      (SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM onboarding_tokens x JOIN merchants m ON m.id = x."merchantId" WHERE m."partnerId" = $1) AS onboarding_tokens,
      (SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM audit_log x WHERE x."partnerId" = $1) AS audit`,
    [partnerId],
  );
  return row;
}

