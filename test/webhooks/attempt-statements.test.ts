// Statements per webhook attempt (issue 16: claim + bookkeeping ≤ 3), counted at the wire by a proxy
// in front of PostgreSQL (test/support/pg-wire-counter.ts), not by our code counting itself: one
// claim leases the whole batch with everything an attempt needs, and one statement per attempt
// records it — succeeded or failed, no transaction of its own. Behaviour is the delivery tests'.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { db, disconnectDb } from "@/lib/db";
import { defaultDeliveryConfig, DeliveryRunner } from "@/lib/webhooks/deliver";
import { startWireCounter, type WireCounter } from "@/test/support/pg-wire-counter";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";
import { emitTestEvent, partnerWithEndpoint } from "./support/harness";

let counter: WireCounter;
let rx: WebhookReceiver;

beforeAll(async () => {
  // Before anything opens the pool: every connection of this file goes through the counter.
  counter = await startWireCounter(process.env.DATABASE_URL!);
  process.env.DATABASE_URL = counter.url;
  resetConfigForTests();
  rx = await startWebhookReceiver();
});
afterAll(async () => {
  await rx?.close();
  await disconnectDb();
  await counter?.close();
});

async function deliverBatch(path: string, events: number) {
  const { partner, endpoint } = await partnerWithEndpoint(rx.url(path));
  for (let i = 0; i < events; i++) await emitTestEvent(partner.id);
  const runner = new DeliveryRunner("statements", defaultDeliveryConfig({ partnerIds: [partner.id], perEndpoint: events, schedule: [0, 60_000] }));
  counter.reset();
  expect(await runner.pass(0)).toBe(events);
  await runner.drain();
  const statements = counter.statements();
  await runner.stop();
  return { statements, endpoint };
}

describe("statements per webhook attempt", () => {
  it("a batch of successful attempts is one claim plus one statement each", async () => {
    rx.respond(() => ({ status: 200 }));
    const { statements, endpoint } = await deliverBatch("/ok", 6);
    expect(statements, statements.join("\n---\n")).toHaveLength(1 + 6);
    expect(statements.some((s) => /^(BEGIN|COMMIT)/i.test(s))).toBe(false);
    const rows = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
    expect(rows.map((r) => [r.status, r.attemptCount, r.leaseOwner])).toEqual(Array(6).fill(["succeeded", 1, null]));
    expect(await db.deliveryAttempt.count({ where: { endpointId: endpoint.id, success: true, attemptNumber: 1 } })).toBe(6);
  });

  it("failed attempts are as cheap: the retry is scheduled and the failing streak starts in the same statement", async () => {
    rx.respond(() => ({ status: 503 }));
    const { statements, endpoint } = await deliverBatch("/down", 4);
    expect(statements, statements.join("\n---\n")).toHaveLength(1 + 4);
    const rows = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
    expect(rows.map((r) => [r.status, r.attemptCount, r.lastStatusCode, r.nextAttemptAt > new Date()])).toEqual(Array(4).fill(["pending", 1, 503, true]));
    const after = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(after.failingSince).toBeInstanceOf(Date);
    expect(after.disabled).toBe(false);
  });
});
