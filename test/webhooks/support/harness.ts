// Shared setup for webhook tests: partners with endpoints, events through the real outbox, and an
// in-process delivery loop confined to the test's own partners (test files share one database).
import { db } from "@/lib/db";
import { emitEvent } from "@/lib/events/emit-event";
import type { EventType } from "@/lib/events/event-types";
import type { DeliveryConfig } from "@/lib/webhooks/deliver";
import { webhookDeliveryLoop } from "@/lib/webhooks/delivery-loop";
import { sealSecret } from "@/lib/webhooks/secret-box";
import { generateWebhookSecret } from "@/lib/webhooks/sign";
import { uuidv7 } from "@/lib/ids";
import { startLoops } from "@/worker/run-loops";
import { makePartner } from "@/test/support/fixtures";

/** Inserts an endpoint row directly (bypassing the registration guard, as an old row or a rebinding host would). */
export async function insertEndpoint(partnerId: string, url: string, opts: { testMode?: boolean; events?: string[] } = {}) {
  const id = uuidv7();
  const secret = generateWebhookSecret();
  const endpoint = await db.webhookEndpoint.create({
    data: { id, partnerId, testMode: opts.testMode ?? false, url, events: opts.events ?? [], secretSealed: sealSecret(secret, id) },
  });
  return { endpoint, secret };
}

export async function partnerWithEndpoint(url: string, opts: { testMode?: boolean; events?: string[] } = {}) {
  const p = await makePartner();
  const { endpoint, secret } = await insertEndpoint(p.partner.id, url, opts);
  return { ...p, endpoint, secret };
}

export async function emitTestEvent(partnerId: string, type: EventType = "payment.proof_verified", opts: { testMode?: boolean; data?: Record<string, unknown> } = {}) {
  return db.$transaction((tx) =>
    emitEvent(tx, {
      partnerId,
      testMode: opts.testMode ?? false,
      type,
      data: opts.data ?? { request_id: uuidv7(), metadata: { order_id: `ORD-${Math.random().toString(36).slice(2, 8)}` } },
    }),
  );
}

/** Runs the delivery loop for `partnerIds` until `until()` holds (or throws after timeoutMs). */
export async function deliverUntil(
  partnerIds: string[],
  until: () => Promise<boolean> | boolean,
  overrides: Partial<DeliveryConfig> = {},
  timeoutMs = 20_000,
) {
  const loop = webhookDeliveryLoop({
    partnerIds,
    schedule: [0, 200, 400],
    timeoutMs: 2_000,
    leaseMs: 5_000,
    allowPrivate: true,
    intervalMs: 20,
    ...overrides,
  });
  const worker = startLoops([loop], `test-${process.pid}`);
  const deadline = Date.now() + timeoutMs;
  try {
    while (!(await until())) {
      if (Date.now() > deadline) throw new Error(`delivery condition not met within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    await worker.stop();
    await loop.drain();
  }
}

export async function deliveriesOf(eventId: string) {
  return db.webhookDelivery.findMany({ where: { eventId }, include: { attempts: { orderBy: { attemptNumber: "asc" } } } });
}

export async function settled(eventId: string) {
  const ds = await db.webhookDelivery.findMany({ where: { eventId } });
  return ds.length > 0 && ds.every((d) => d.status !== "pending" && d.leaseOwner === null);
}
