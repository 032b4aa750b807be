// `npm run bench:webhooks` — webhook delivery speed against a local receiver (issue 5):
//  1. throughput: deliveries per second with 4 and with 32 endpoints (all events queued first,
//     then one worker loop with its default limits drains them);
//  2. latency: from the state change (start of the transaction that emits the event) to the
//     request arriving at the receiver, with the worker's default poll interval (target p95 ≤ 500 ms).
// Uses a throwaway PostgreSQL database; prints JSON and writes bench/results/webhooks.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { openBenchDatabase, pct } from "./support/bench-db";

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 2_000);


async function main() {
  // the webhook receiver is on loopback
  const bench = await openBenchDatabase({ JOPAY_ALLOW_PRIVATE_WEBHOOKS: "1" });

  // Imported after the environment is set: config() is read once.
  const { db, disconnectDb } = await import("../lib/db");
  const { config } = await import("../lib/config");
  const { emitEvent } = await import("../lib/events/emit-event");
  const { webhookDeliveryLoop } = await import("../lib/webhooks/delivery-loop");
  const { startLoops } = await import("../worker/run-loops");
  const { startWebhookReceiver } = await import("../test/support/webhook-receiver");
  const { makePartner } = await import("../test/support/fixtures");
  const { insertEndpoint } = await import("../test/webhooks/support/harness");

  const rx = await startWebhookReceiver();
  const results: Record<string, unknown> = { poll_interval_ms: config().WORKER_POLL_MS };
  try {
    // 1. Throughput.
    for (const endpoints of [4, 32]) {
      const { partner } = await makePartner();
      for (let i = 0; i < endpoints; i++) await insertEndpoint(partner.id, rx.url(`/t${endpoints}/${i}`));
      const events = Math.ceil(DELIVERIES / endpoints);
      for (let done = 0; done < events; done += 100) {
        await db.$transaction(async (tx) => {
          for (let i = done; i < Math.min(events, done + 100); i++) {
            await emitEvent(tx, { partnerId: partner.id, testMode: false, type: "payment.proof_verified", data: { n: i } });
          }
        });
      }
      const total = events * endpoints;
      const loop = webhookDeliveryLoop({ partnerIds: [partner.id] });
      const t0 = performance.now();
      const worker = startLoops([loop], "bench");
      while ((await db.webhookDelivery.count({ where: { endpoint: { partnerId: partner.id }, status: "succeeded" } })) < total) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const seconds = (performance.now() - t0) / 1000;
      await worker.stop();
      await loop.drain();
      results[`throughput_${endpoints}_endpoints`] = { deliveries: total, seconds: +seconds.toFixed(2), per_second: Math.round(total / seconds) };
    }

    // 2. Latency from state change to receipt, events arriving at random phases of the poll.
    const { partner } = await makePartner();
    await insertEndpoint(partner.id, rx.url("/latency"));
    const merchant = await db.merchant.create({ data: { partnerId: partner.id, testMode: false } });
    const loop = webhookDeliveryLoop({ partnerIds: [partner.id] });
    const worker = startLoops([loop], "bench-latency");
    const latencies: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 900));
      const t0 = Date.now();
      const event = await db.$transaction(async (tx) => {
        const m = await tx.merchant.update({ where: { id: merchant.id }, data: { businessName: `Shop ${i}` } });
        return emitEvent(tx, { partnerId: partner.id, testMode: false, type: "merchant.onboarding_completed", data: { merchant_id: m.id, business_name: m.businessName } });
      });
      const [hit] = await rx.waitFor((all) => all.some((r) => r.headers["webhook-id"] === event.id), 30_000).then((all) => all.filter((r) => r.headers["webhook-id"] === event.id));
      latencies.push(hit.at - t0);
    }
    await worker.stop();
    await loop.drain();
    results.latency_ms = { samples: SAMPLES, p50: pct(latencies, 50), p95: pct(latencies, 95), max: Math.max(...latencies) };

    console.log(JSON.stringify(results, null, 2));
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/webhooks.json", `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`);
  } finally {
    await rx.close();
    await disconnectDb();
    await bench.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
