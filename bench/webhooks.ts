// `npm run bench:webhooks` — webhook delivery against a local receiver (issues 5 and 16). Targets
// are ratios measured in this run, arms alternated in short slices, so a busy machine slows both:
//  1. claim cost flat in the number of endpoints: the same 40 due deliveries on 10 endpoints,
//     claimed with 10 endpoints in the database and with 10,000 (the extra ones idle), arms
//     alternated; target: median claim time with 10,000 ≤ 1.5 × with 10;
//  2. throughput: deliveries per second with 32 endpoints vs 4 (all events queued first, then one
//     worker loop with its default limits drains them); target: ≥ 0.8 × (more endpoints must not
//     make the worker slower);
//  3. latency from the state change (start of the transaction that emits the event) to the request
//     arriving at the receiver, with the worker's default poll interval (reported).
// Uses a throwaway PostgreSQL database; prints JSON, writes bench/results/webhooks.json, exits 1
// when a target is missed.
import { openBenchDatabase, pct } from "./support/bench-db";
import { ratioCheck, reported, writeResults, type Check } from "./support/checks";

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 2_000);
const CLAIM_SLICES = Number(process.env.BENCH_CLAIM_SLICES ?? 12); // per arm
const CLAIMS_PER_SLICE = 20;
const IDLE_ENDPOINTS = 9_990;
const TARGETS = { claimRatio: 1.5, throughputRatio: 0.8 };


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
  const { claimDeliveries, defaultDeliveryConfig } = await import("../lib/webhooks/deliver");
  const { uuidv7 } = await import("../lib/ids");

  const rx = await startWebhookReceiver();
  const results: Record<string, unknown> = { poll_interval_ms: config().WORKER_POLL_MS };
  const missed: string[] = [];
  try {
    // 1. Claim cost with 10 vs 10,000 endpoints.
    {
      const { partner } = await makePartner();
      const active: { id: string }[] = [];
      for (let i = 0; i < 10; i++) active.push((await insertEndpoint(partner.id, rx.url(`/claim/${i}`))).endpoint);
      for (let i = 0; i < 4; i++) {
        await db.$transaction(async (tx) => {
          await emitEvent(tx, { partnerId: partner.id, testMode: false, type: "payment.proof_verified", data: { n: i } });
        });
      }
      // 4 events × 10 endpoints: 40 deliveries, all due.
      await db.$executeRaw`UPDATE webhook_deliveries SET status = 'pending', "nextAttemptAt" = now() - interval '1 second' WHERE "endpointId" = ANY(${active.map((e) => e.id)}::uuid[])`;
      const idle = await makePartner();
      const cfg = defaultDeliveryConfig({ perEndpoint: 4, partnerIds: [partner.id] });
      const release = () => db.$executeRaw`UPDATE webhook_deliveries SET "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "endpointId" = ANY(${active.map((e) => e.id)}::uuid[])`;
      const insertIdle = async () => {
        const ids = Array.from({ length: IDLE_ENDPOINTS }, () => uuidv7());
        await db.$executeRaw`
          INSERT INTO webhook_endpoints (id, "partnerId", "testMode", url, "secretSealed", "updatedAt")
          SELECT id, ${idle.partner.id}::uuid, false, 'https://idle.example/' || id, 'sealed', now() FROM unnest(${ids}::uuid[]) AS id`;
      };
      const removeIdle = () => db.$executeRaw`DELETE FROM webhook_endpoints WHERE "partnerId" = ${idle.partner.id}::uuid`;
      const slice = async () => {
        const times: number[] = [];
        for (let i = 0; i < CLAIMS_PER_SLICE; i++) {
          const t0 = performance.now();
          const got = await claimDeliveries(`bench-claim-${i}`, cfg, 40);
          times.push(performance.now() - t0);
          if (got.length !== 40) throw new Error(`claimed ${got.length} of 40`);
          await release();
        }
        return times;
      };
      const arms = { few: [] as number[], many: [] as number[] };
      await slice(); // warm
      for (let s = 0; s < CLAIM_SLICES; s++) {
        arms.few.push(...(await slice()));
        await insertIdle();
        await db.$executeRawUnsafe("ANALYZE webhook_endpoints");
        arms.many.push(...(await slice()));
        await removeIdle();
      }
      const few = pct(arms.few, 50);
      const many = pct(arms.many, 50);
      const ratio = +(many / few).toFixed(2);
      results.claim_10_vs_10000_endpoints = { claims_per_arm: arms.few.length, median_ms_10: +few.toFixed(2), median_ms_10000: +many.toFixed(2), ratio, target: `≤ ${TARGETS.claimRatio}` };
      if (!(ratio <= TARGETS.claimRatio)) missed.push(`claim ratio ${ratio} > ${TARGETS.claimRatio}`);
      await db.$executeRaw`UPDATE webhook_deliveries SET status = 'succeeded' WHERE "endpointId" = ANY(${active.map((e) => e.id)}::uuid[])`;
    }

    // 2. Throughput.
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
    const perSecond = (n: number) => (results[`throughput_${n}_endpoints`] as { per_second: number }).per_second;
    const throughputRatio = +(perSecond(32) / perSecond(4)).toFixed(2);
    results.throughput_ratio_32_vs_4 = { ratio: throughputRatio, target: `≥ ${TARGETS.throughputRatio}` };
    if (!(throughputRatio >= TARGETS.throughputRatio)) missed.push(`throughput ratio ${throughputRatio} < ${TARGETS.throughputRatio}`);

    // 3. Latency from state change to receipt, events arriving at random phases of the poll.
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

    const claim = results.claim_10_vs_10000_endpoints as { median_ms_10: number; median_ms_10000: number; ratio: number };
    const latency = results.latency_ms as { p95: number };
    const checks: Check[] = [
      ratioCheck("claim of due deliveries, 10,000 endpoints vs 10", claim.ratio, "≤", TARGETS.claimRatio, `${claim.median_ms_10000} vs ${claim.median_ms_10} ms median`),
      ratioCheck("deliveries/s, 32 endpoints vs 4", throughputRatio, "≥", TARGETS.throughputRatio, `${perSecond(32)} vs ${perSecond(4)}/s`),
      reported("state change → receipt at the receiver, p95", `${latency.p95} ms`),
    ];
    console.log(JSON.stringify(results, null, 2));
    writeResults("webhooks", { at: new Date().toISOString(), ...results, missed, checks });
    if (missed.length > 0) {
      console.error(`bench:webhooks missed: ${missed.join("; ")}`);
      process.exitCode = 1;
    }
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
