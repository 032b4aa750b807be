// Disabling an endpoint on the partner's behalf (410 Gone, or failing for 5 days — SPEC §7): stop
// sending, fail what is still queued (it stays redeliverable), and tell the partner with a console
// notice in the same transaction. The email (when SMTP is configured) goes out only after that
// transaction commits: the caller sends it with emailEndpointDisabled() when this returns true.
import type { Tx } from "@/lib/db";
import { log } from "@/lib/log";

export async function disableEndpoint(tx: Tx, endpointId: string, reason: string, now = new Date()): Promise<boolean> {
  const changed = await tx.webhookEndpoint.updateMany({
    where: { id: endpointId, disabled: false },
    data: { disabled: true, disabledReason: reason, disabledAt: now },
  });
  if (changed.count === 0) return false; // already disabled (another worker got there first)
  await tx.webhookDelivery.updateMany({
    where: { endpointId, status: "pending" },
    data: { status: "failed", lastError: `endpoint disabled: ${reason}`, leaseOwner: null, leaseUntil: null },
  });
  const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId }, select: { partnerId: true, url: true, testMode: true } });
  await tx.partnerNotice.create({
    data: {
      partnerId: endpoint.partnerId,
      kind: "webhook_endpoint_disabled",
      message: `Webhook endpoint ${endpointId} (${endpoint.testMode ? "test" : "live"} mode, ${displayUrl(endpoint.url)}) was disabled: ${reason}. ` +
        "Fix the receiver, re-enable the endpoint, then redeliver the failed events.",
    },
  });
  log.error("webhook endpoint disabled", { endpointId, partnerId: endpoint.partnerId, reason });
  return true;
}

/** Origin and path only: partners sometimes put tokens in query strings. */
export function displayUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}
