// Endpoint lookup by id, confined to the caller's partner and mode: another tenant's or mode's
// endpoint is the same 404 as a missing one (lib/tenancy.ts).
import { assertIdShape, notFound, tenantWhere, type TenantScope } from "@/lib/tenancy";
import { db, type Tx } from "@/lib/db";

export async function findEndpointOrNotFound(scope: TenantScope, id: string, client: Tx | typeof db = db) {
  assertIdShape(id);
  const endpoint = await client.webhookEndpoint.findFirst({ where: { id, ...tenantWhere(scope) } });
  if (!endpoint) throw notFound();
  return endpoint;
}
