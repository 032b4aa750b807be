// Deleting an endpoint removes it with its delivery rows and attempt log; the events themselves
// stay (GET /api/v1/events) and can be redelivered to other endpoints.
import type { TenantScope } from "@/lib/tenancy";
import { db } from "@/lib/db";
import { findEndpointOrNotFound } from "./find-endpoint";

export async function deleteWebhookEndpoint(scope: TenantScope, id: string) {
  const endpoint = await findEndpointOrNotFound(scope, id);
  await db.$transaction(async (tx) => {
    await tx.deliveryAttempt.deleteMany({ where: { endpointId: endpoint.id } });
    await tx.webhookDelivery.deleteMany({ where: { endpointId: endpoint.id } });
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
  });
  return endpoint;
}
