// A real worker process for the crash-safety test: runs the webhook delivery loop (the same code
// worker/loops.ts registers) against DATABASE_URL until it is killed. Short schedule, timeout and
// lease so that the test can watch a SIGKILLed worker's claims expire and be picked up again.
import { webhookDeliveryLoop } from "@/lib/webhooks/delivery-loop";
import { startLoops } from "@/worker/run-loops";

const partnerIds = (process.env.WEBHOOK_TEST_PARTNER_IDS ?? "").split(",").filter(Boolean);
if (partnerIds.length === 0) throw new Error("WEBHOOK_TEST_PARTNER_IDS is required");

startLoops(
  [
    webhookDeliveryLoop({
      partnerIds,
      schedule: [0, 100, 200, 400, 800],
      timeoutMs: 1_000,
      leaseMs: Number(process.env.WEBHOOK_TEST_LEASE_MS ?? 2_000),
      perEndpoint: 8,
      maxConcurrency: 16,
      intervalMs: 20,
    }),
  ],
  `crash-child-${process.pid}`,
);
process.stdout.write("ready\n");
