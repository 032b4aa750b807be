// What happened to one request, in order, for the dashboard's request page: created, opened by the
// customer, each proof attached, verified, refused or reversed, expired or cancelled, and every
// webhook the partner was sent about it. Built from the outbox events (which keep the history a
// request row overwrites: a reversed and re-verified payment has two verifications) plus the
// request's own created/opened times, which no event records.
import type { DeliveryStatus, Event, PaymentRequest, WebhookDelivery } from "@/lib/generated/prisma/client";

export type TimelineKind = "created" | "opened" | "proof_attached" | "verified" | "rejected" | "reversed" | "expired" | "cancelled" | "webhook";

export interface TimelineEntry {
  kind: TimelineKind;
  at: Date;
  /** The transaction the entry is about (proof entries). */
  txHash?: string | null;
  /** A test-mode simulate_payment proof: no transaction exists on any chain. */
  simulated?: boolean;
  /** Why a proof was refused (rejected entries). */
  reason?: string | null;
  /** Webhook entries: which event, and how its delivery went. */
  eventType?: string;
  delivery?: { status: DeliveryStatus; attempts: number; lastStatusCode: number | null };
}

const KIND_OF_EVENT: Record<string, TimelineKind | undefined> = {
  "payment.proof_attached": "proof_attached",
  "payment.proof_verified": "verified",
  "payment.proof_rejected": "rejected",
  "payment.reversed": "reversed",
  "request.expired": "expired",
  "request.voided": "cancelled",
};

interface PayloadProof {
  tx_hash?: unknown;
  simulated?: unknown;
  rejection_reason?: unknown;
}

/** The proof inside an event's payload (the request object as sent), read defensively. */
function payloadProof(e: Pick<Event, "payload">): PayloadProof | null {
  const data = (e.payload as { data?: { proof?: unknown } } | null)?.data;
  return data && typeof data.proof === "object" && data.proof !== null ? (data.proof as PayloadProof) : null;
}

const text = (v: unknown) => (typeof v === "string" ? v : null);

export function requestTimeline(
  r: Pick<PaymentRequest, "createdAt" | "openedAt">,
  events: readonly Pick<Event, "id" | "type" | "createdAt" | "payload">[],
  deliveries: readonly Pick<WebhookDelivery, "eventId" | "status" | "attemptCount" | "lastStatusCode" | "succeededAt" | "updatedAt">[],
): TimelineEntry[] {
  const entries: TimelineEntry[] = [{ kind: "created", at: r.createdAt }];
  if (r.openedAt) entries.push({ kind: "opened", at: r.openedAt });
  const typeOf = new Map(events.map((e) => [e.id, e.type]));
  for (const e of events) {
    const kind = KIND_OF_EVENT[e.type];
    if (!kind) continue;
    const proof = kind === "expired" || kind === "cancelled" ? null : payloadProof(e);
    entries.push({
      kind,
      at: e.createdAt,
      ...(proof ? { txHash: text(proof.tx_hash), simulated: proof.simulated === true } : {}),
      ...(kind === "rejected" ? { reason: text(proof?.rejection_reason) } : {}),
    });
  }
  for (const d of deliveries) {
    entries.push({
      kind: "webhook",
      // A delivery still being retried is shown at its last change.
      at: d.succeededAt ?? d.updatedAt,
      eventType: typeOf.get(d.eventId) ?? "",
      delivery: { status: d.status, attempts: d.attemptCount, lastStatusCode: d.lastStatusCode },
    });
  }
  // Stable: entries of the same millisecond keep the order above (created, opened, events, webhooks).
  return entries.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => a.at.getTime() - b.at.getTime() || i - j).map(([e]) => e);
}
