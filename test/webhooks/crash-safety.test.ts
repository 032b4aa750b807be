// Crash safety (issue #5): 1,000 events delivered by a worker process that is SIGKILLed mid-run and
// restarted. Every event arrives at least once, every duplicate carries the same webhook-id (and
// still verifies), and nothing is left pending or leased once the lease has run out.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { emitEvent } from "@/lib/events/emit-event";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";
import { partnerWithEndpoint } from "./support/harness";

const EVENTS = 1_000;
const LEASE_MS = 2_000;
let rx: WebhookReceiver;
const children: ChildProcess[] = [];

beforeAll(async () => {
  rx = await startWebhookReceiver();
  // A little server-side latency so attempts are in flight when the kill lands.
  rx.respond(() => new Promise((resolve) => setTimeout(() => resolve({ status: 200 }), 3)));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await rx.close();
});

function startWorker(partnerId: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/webhooks/support/delivery-worker-child.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, WEBHOOK_TEST_PARTNER_IDS: partnerId, WEBHOOK_TEST_LEASE_MS: String(LEASE_MS), LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve(child));
    child.on("exit", (code) => reject(new Error(`worker exited early (${code}): ${stderr.slice(-2000)}`)));
  });
}

describe("crash safety", () => {
  it("delivers 1,000 events at least once across a SIGKILL and restart", async () => {
    const { partner, endpoint, secret } = await partnerWithEndpoint(rx.url("/crash"));
    const ids: string[] = [];
    for (let batch = 0; batch < EVENTS / 100; batch++) {
      await db.$transaction(async (tx) => {
        for (let i = 0; i < 100; i++) {
          const e = await emitEvent(tx, { partnerId: partner.id, testMode: false, type: "payment.proof_verified", data: { n: batch * 100 + i } });
          ids.push(e.id);
        }
      });
    }

    const first = await startWorker(partner.id);
    await rx.waitFor((all) => all.length >= 300, 60_000);
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    const atKill = rx.received.length;
    expect(atKill).toBeLessThan(EVENTS); // killed mid-run, not after

    const second = await startWorker(partner.id);
    await rx.waitFor((all) => new Set(all.map((r) => r.headers["webhook-id"])).size >= EVENTS, 120_000);
    // Let the restarted worker record its last outcomes, then stop it cleanly.
    const deadline = Date.now() + 30_000;
    while ((await db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: { not: "succeeded" } } })) > 0) {
      if (Date.now() > deadline) throw new Error("deliveries still not succeeded 30 s after every event arrived");
      await new Promise((r) => setTimeout(r, 100));
    }
    second.kill("SIGKILL");

    const received = rx.received.filter((r) => r.path === "/crash");
    expect(new Set(received.map((r) => String(r.headers["webhook-id"])))).toEqual(new Set(ids));
    for (const r of received) {
      const body = rx.verify(r, secret) as { id: string };
      expect(body.id).toBe(r.headers["webhook-id"]); // a duplicate is the same event under the same id
    }
    const duplicates = received.length - EVENTS;
    expect(duplicates).toBeGreaterThanOrEqual(0);

    const stuck = await db.webhookDelivery.count({ where: { endpointId: endpoint.id, OR: [{ status: { not: "succeeded" } }, { leaseOwner: { not: null } }] } });
    expect(stuck).toBe(0);
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(EVENTS);
    // Every HTTP request the receiver saw was logged as an attempt, except at most the ones the
    // killed worker had in flight (it died before writing them down).
    const attempts = await db.deliveryAttempt.count({ where: { endpointId: endpoint.id } });
    expect(attempts).toBeGreaterThanOrEqual(EVENTS);
    expect(received.length - attempts).toBeLessThanOrEqual(16);
  }, 240_000);
});
