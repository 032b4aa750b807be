// `npm run bench:verify` — how fast payments are created, seen and verified (issues 4 and 14), on a
// throwaway PostgreSQL database and its own anvil. Every target is a ratio against a reference run
// in the same process, in alternating slices, so a busy machine slows both arms alike:
//  1. Creates to ONE merchant wallet vs creates spread over 64 wallets: createRequest (the whole
//     domain path: merchant, FX, amount pick, tagged insert, commit) from 32 concurrent callers, all
//     at one price, with 5,000 open requests of that price already in place (a billing run half
//     done). Creates to one wallet contend for its amounts (lib/payments/amount-tag.ts); the
//     target is that this costs little: one-wallet creates/s ≥ 0.8 × the 64-wallet figure.
//  2. Latency from the block that gives a proof its required confirmations to proof_verified, with
//     the worker's default loop timing, against a reference: a bare poller that reads the head and
//     the receipt over the same RPC every WORKER_POLL_MS (what any poller at that interval must
//     wait). Samples alternate between the arms; target: p95 ≤ 1.5 × the reference p95.
//  3. Watcher throughput: transfers matched per second over 10,000 open requests (reported).
//  4. Watcher cost per block flat in the number of open requests: the same blocks (10 transfers to
//     watched wallets, none matching) scanned with 10,000 open requests and with 100 (the rest
//     voided between slices), arms alternated; target: median ms per pass ≤ 1.5 × with 100.
// Prints JSON, writes bench/results/verify.json (its `checks` feed `npm run bench`'s combined
// table), exits 1 when a target is missed.
import { randomBytes, randomUUID } from "node:crypto";
import { encodeFunctionData, erc20Abi, getAddress, type Hash } from "viem";
import { openBenchDatabase, pct } from "./support/bench-db";
import { ratioCheck, reported, writeResults, type Check } from "./support/checks";

const LATENCY_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40); // per arm
const OPEN_REQUESTS = Number(process.env.BENCH_OPEN_REQUESTS ?? 10_000);
const WATCHED_WALLETS = 100;
const PAID = Number(process.env.BENCH_PAID ?? 200);
const CONFIRMATIONS = 3;
const CREATE_CALLERS = 32;
const CREATE_WALLETS = 64;
const CREATE_ROUNDS = 8;
const CREATES_PER_SLICE = Number(process.env.BENCH_CREATES_PER_SLICE ?? 250);
const PREFILLED = 5_000;
const PRICE_CENTS = 1999; // €19.99 at the static rate: 21,989,000 micro-units
const TARGETS = { oneWalletRatio: 0.8, latencyRatio: 1.5, watcherRatio: 1.5 };
const WATCH_SLICES = Number(process.env.BENCH_WATCH_SLICES ?? 8); // per arm

const log = (msg: string) => console.error(`[bench:verify ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const bench = await openBenchDatabase();
  // createRequest snapshots the live mode's chain from config: this anvil is the live chain.
  const chain = await (await import("../test/payments/support/chain")).startLiveTestChain();

  // Imported after the environment is set: config() is read once.
  const { db, disconnectDb } = await import("../lib/db");
  const { makePaymentSetup, insertRequest } = await import("../test/support/request-fixtures");
  const { makeOnboardedMerchant } = await import("../test/support/fixtures");
  const { createRequest } = await import("../lib/requests/create-request");
  const { attachProof } = await import("../lib/payments/attach-proof");
  const { proofCheckLoop } = await import("../lib/payments/check-proofs");
  const { watchTransfers } = await import("../lib/payments/watch-transfers");
  const { publicClientFor } = await import("../lib/chains/clients");
  const { startLoops } = await import("../worker/run-loops");
  const { config } = await import("../lib/config");
  const { rpc } = await import("../scripts/local-chain/anvil");
  const { MAX_AMOUNT_TAG } = await import("../lib/payments/amount-tag");

  try {
    // 1. Creates: one wallet vs 64 wallets.
    log("creates: seeding");
    const one = await makePaymentSetup();
    const many = await makePaymentSetup();
    const manyMerchants = [many.merchant, ...(await Promise.all(Array.from({ length: CREATE_WALLETS - 1 }, () => makeOnboardedMerchant(many.partner.id))))];
    const base = 21_989_000n;
    // Open requests of the price already in place, each wallet's with distinct tags in random order.
    const tags = Array.from({ length: MAX_AMOUNT_TAG + 1 }, (_, i) => i).sort(() => Math.random() - 0.5);
    const prefill = (partnerId: string, merchants: { id: string; walletAddress: string | null }[]) =>
      Array.from({ length: PREFILLED }, (_, k) => {
        const m = merchants[k % merchants.length];
        const tag = tags[Math.floor(k / merchants.length)];
        return {
          partnerId, merchantId: m.id, testMode: false, fiatAmountInt: PRICE_CENTS, fiatCode: "EUR", usdcMicro: base + BigInt(tag), amountTag: tag,
          fxRate: "1.1", fxSource: "static", fxRateAt: new Date(), idempotencyKey: randomUUID(), receivingWallet: m.walletAddress!.toLowerCase(),
          chainId: chain.settings.chainId, usdcContract: chain.settings.usdcAddress.toLowerCase(), expiresAt: new Date(Date.now() + 3_600_000),
        };
      });
    const seedRows = [...prefill(one.partner.id, [one.merchant]), ...prefill(many.partner.id, manyMerchants)];
    for (let i = 0; i < seedRows.length; i += 2_000) await db.paymentRequest.createMany({ data: seedRows.slice(i, i + 2_000) });
    await db.$executeRawUnsafe("ANALYZE payment_requests");

    const arms = {
      one_wallet: { ctx: { partner: one.partner, testMode: false, createdVia: "api" as const }, merchants: [one.merchant], created: 0, ms: 0 },
      wallets_64: { ctx: { partner: many.partner, testMode: false, createdVia: "api" as const }, merchants: manyMerchants, created: 0, ms: 0 },
    };
    const slice = async (arm: (typeof arms)[keyof typeof arms]) => {
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CREATE_CALLERS }, async () => {
          while (next < CREATES_PER_SLICE) {
            const merchant = arm.merchants[next++ % arm.merchants.length];
            await createRequest(arm.ctx, { merchant_id: merchant.id, fiat_amount_int: PRICE_CENTS });
          }
        }),
      );
      arm.ms += performance.now() - t0;
      arm.created += CREATES_PER_SLICE;
    };
    await slice(arms.wallets_64); // warm-up (JIT, pool, plans); not counted
    arms.wallets_64.created = arms.wallets_64.ms = 0;
    for (let round = 0; round < CREATE_ROUNDS; round++) {
      // Alternate which arm goes first, so neither always follows the other's leftovers.
      const order = round % 2 ? [arms.one_wallet, arms.wallets_64] : [arms.wallets_64, arms.one_wallet];
      for (const arm of order) await slice(arm);
    }
    const perSecond = (a: { created: number; ms: number }) => Math.round((a.created / a.ms) * 1000);
    const creates = {
      callers: CREATE_CALLERS,
      price_open_before: PREFILLED,
      one_wallet_per_s: perSecond(arms.one_wallet),
      wallets_64_per_s: perSecond(arms.wallets_64),
      ratio: Number((perSecond(arms.one_wallet) / perSecond(arms.wallets_64)).toFixed(2)),
      target_ratio: TARGETS.oneWalletRatio,
    };
    const distinct = await db.$queryRawUnsafe<{ n: bigint; d: bigint }[]>(
      `SELECT count(*) AS n, count(DISTINCT "usdcMicro") AS d FROM payment_requests WHERE "merchantId" = $1::uuid`,
      one.merchant.id,
    );
    if (distinct[0].n !== distinct[0].d) throw new Error(`one wallet holds ${distinct[0].n} requests but ${distinct[0].d} distinct amounts`);
    log(`creates: one wallet ${creates.one_wallet_per_s}/s, 64 wallets ${creates.wallets_64_per_s}/s`);

    // 2. Latency, JoPay's worker vs a bare poller, alternating samples.
    const settings = chain.withConfirmations(CONFIRMATIONS);
    const client = publicClientFor(settings);
    const s = await makePaymentSetup();
    const wallet = s.merchant.walletAddress!;
    const worker = startLoops([proofCheckLoop({ chains: [settings], partnerId: s.partner.id })], "bench");
    const pollMs = config().WORKER_POLL_MS;

    /** Mines so that `hash` has CONFIRMATIONS − 1 confirmations, waits a random phase, mines the one that completes them; returns when that happened. */
    const confirmAtRandomPhase = async (hash: Hash) => {
      const { blockNumber } = await client.getTransactionReceipt({ hash });
      const missing = Number(blockNumber) + CONFIRMATIONS - 2 - Number(await chain.head());
      if (missing > 0) await chain.mine(missing);
      await sleep(200 + Math.random() * 600);
      await chain.mine(1);
      if ((await chain.head()) - blockNumber + 1n !== BigInt(CONFIRMATIONS)) throw new Error("confirmation count off");
      return Date.now();
    };
    const jopay: number[] = [];
    const reference: number[] = [];
    for (let i = 0; i < 2 * LATENCY_SAMPLES; i++) {
      const amount = 1_000_000n + BigInt(i);
      const hash = await chain.transfer(wallet, amount);
      if (i % 2 === 0) {
        const req = await insertRequest({ partnerId: s.partner.id, merchantId: s.merchant.id, usdcMicro: amount, receivingWallet: wallet, chainId: settings.chainId, usdcContract: settings.usdcAddress });
        await attachProof({ requestId: req.id, txHash: hash, source: "partner_api", scope: null });
        const t0 = await confirmAtRandomPhase(hash);
        for (;;) {
          const p = await db.proof.findFirstOrThrow({ where: { requestId: req.id } });
          if (p.verifiedAt) {
            jopay.push(Math.max(0, p.verifiedAt.getTime() - t0));
            break;
          }
          if (Date.now() - t0 > 30_000) throw new Error("proof not verified within 30 s");
          await sleep(5);
        }
      } else {
        let seenAt = 0;
        let stop = false;
        const poller = (async () => {
          while (!stop) {
            const [head, receipt] = await Promise.all([client.getBlockNumber({ cacheTime: 0 }), client.getTransactionReceipt({ hash })]);
            if (head - receipt.blockNumber + 1n >= BigInt(CONFIRMATIONS)) return void (seenAt = Date.now());
            await sleep(pollMs);
          }
        })();
        const t0 = await confirmAtRandomPhase(hash);
        await poller;
        stop = true;
        reference.push(Math.max(0, seenAt - t0));
      }
    }
    await worker.stop();
    const latency = {
      worker_poll_ms: pollMs,
      confirmations: CONFIRMATIONS,
      samples_per_arm: LATENCY_SAMPLES,
      jopay_ms: { p50: pct(jopay, 50), p95: pct(jopay, 95), max: Math.max(...jopay) },
      bare_poller_ms: { p50: pct(reference, 50), p95: pct(reference, 95), max: Math.max(...reference) },
      ratio_p95: Number((pct(jopay, 95) / Math.max(1, pct(reference, 95))).toFixed(2)),
      target_ratio_p95: TARGETS.latencyRatio,
    };
    log(`latency p95: JoPay ${latency.jopay_ms.p95} ms, bare poller ${latency.bare_poller_ms.p95} ms`);

    // 3. Watcher throughput over OPEN_REQUESTS open requests spread over WATCHED_WALLETS wallets.
    const t = await makePaymentSetup();
    const wallets = Array.from({ length: WATCHED_WALLETS }, () => `0x${randomBytes(20).toString("hex")}`);
    const perWallet = Math.ceil(OPEN_REQUESTS / WATCHED_WALLETS);
    const rows = Array.from({ length: OPEN_REQUESTS }, (_, i) => ({
      partnerId: t.partner.id, merchantId: t.merchant.id, testMode: false, fiatAmountInt: 1000 + i, fiatCode: "EUR",
      usdcMicro: 5_000_000n + BigInt(i), fxRate: "1.1", fxSource: "static", fxRateAt: new Date(), idempotencyKey: randomUUID(),
      receivingWallet: wallets[Math.floor(i / perWallet)], chainId: settings.chainId, usdcContract: settings.usdcAddress.toLowerCase(),
      expiresAt: new Date(Date.now() + 3_600_000),
    }));
    for (let i = 0; i < rows.length; i += 2_000) await db.paymentRequest.createMany({ data: rows.slice(i, i + 2_000) });
    const cursor = 2_000_000_001;
    await watchTransfers({ workerId: "bench", chains: [settings], partnerId: t.partner.id, cursorId: () => cursor });
    const step = Math.floor(OPEN_REQUESTS / PAID);
    await rpc(chain.local.rpcUrl, "evm_setAutomine", [false]);
    const pays = Array.from({ length: PAID }, (_, k) => rows[k * step]);
    // Sent one by one (the node assigns nonces), all mined into one block.
    for (const r of pays) {
      const data = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [getAddress(r.receivingWallet), r.usdcMicro] });
      await rpc(chain.local.rpcUrl, "eth_sendTransaction", [{ from: chain.payer, to: settings.usdcAddress, data, gas: "0x30000" }]);
    }
    await rpc(chain.local.rpcUrl, "anvil_mine", ["0x1"]);
    await rpc(chain.local.rpcUrl, "evm_setAutomine", [true]);
    await chain.mine(CONFIRMATIONS - 1); // the watcher reads only blocks with the chain's confirmations
    const w0 = Date.now();
    let matched = 0;
    for (;;) {
      const r = await watchTransfers({ workerId: "bench", chains: [settings], partnerId: t.partner.id, cursorId: () => cursor });
      matched += r.attached;
      if (r.blocksScanned === 0) break;
    }
    const watchMs = Date.now() - w0;

    // 4. Watcher cost per block, 10,000 open requests vs 100.
    const stillOpen = rows.filter((r) => !pays.includes(r));
    const voidable = (await db.paymentRequest.findMany({ where: { partnerId: t.partner.id, proofStatus: "none", status: "requested" }, select: { id: true } })).map((r) => r.id).slice(100);
    const setOpen = (open: boolean) =>
      db.$executeRaw`UPDATE payment_requests SET status = ${open ? "requested" : "voided"}::"RequestStatus" WHERE id = ANY(${voidable}::uuid[])`;
    let unmatched = 7_000_000n;
    const watchSlice = async () => {
      for (let k = 0; k < 10; k++) {
        const to = stillOpen[(k * 37) % stillOpen.length].receivingWallet;
        const data = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [getAddress(to), unmatched++] });
        await rpc(chain.local.rpcUrl, "eth_sendTransaction", [{ from: chain.payer, to: settings.usdcAddress, data, gas: "0x30000" }]);
      }
      await chain.mine(CONFIRMATIONS);
      const t0 = performance.now();
      let passes = 0;
      while ((await watchTransfers({ workerId: "bench", chains: [settings], partnerId: t.partner.id, cursorId: () => cursor })).blocksScanned > 0) passes++;
      return (performance.now() - t0) / Math.max(1, passes);
    };
    const watchArms = { open_100: [] as number[], open_10000: [] as number[] };
    await watchSlice(); // warm
    for (let i = 0; i < WATCH_SLICES; i++) {
      await setOpen(false);
      watchArms.open_100.push(await watchSlice());
      await setOpen(true);
      watchArms.open_10000.push(await watchSlice());
    }
    const watcherFlat = {
      open_requests: [stillOpen.length - voidable.length, stillOpen.length],
      median_ms_per_pass_100: +pct(watchArms.open_100, 50).toFixed(2),
      median_ms_per_pass_10000: +pct(watchArms.open_10000, 50).toFixed(2),
      ratio: +(pct(watchArms.open_10000, 50) / pct(watchArms.open_100, 50)).toFixed(2),
      target_ratio: TARGETS.watcherRatio,
    };
    log(`watcher per pass: ${watcherFlat.median_ms_per_pass_100} ms with 100 open, ${watcherFlat.median_ms_per_pass_10000} ms with 10,000`);

    const missed = [
      ...(creates.ratio < TARGETS.oneWalletRatio ? [`one-wallet creates at ${creates.ratio}× the 64-wallet rate (target ≥ ${TARGETS.oneWalletRatio})`] : []),
      ...(latency.ratio_p95 > TARGETS.latencyRatio ? [`verification p95 at ${latency.ratio_p95}× the bare poller's (target ≤ ${TARGETS.latencyRatio})`] : []),
      ...(matched !== PAID ? [`watcher matched ${matched} of ${PAID} transfers`] : []),
      ...(watcherFlat.ratio > TARGETS.watcherRatio ? [`watcher pass with 10,000 open at ${watcherFlat.ratio}× with 100 (target ≤ ${TARGETS.watcherRatio})`] : []),
    ];
    const matchedPerSecond = Math.round((matched / watchMs) * 1000);
    const checks: Check[] = [
      ratioCheck("creates/s to one wallet vs spread over 64 (32 callers)", creates.ratio, "≥", TARGETS.oneWalletRatio, `${creates.one_wallet_per_s} vs ${creates.wallets_64_per_s}/s`),
      ratioCheck("confirming block → proof_verified p95 vs bare poller", latency.ratio_p95, "≤", TARGETS.latencyRatio, `${latency.jopay_ms.p95} vs ${latency.bare_poller_ms.p95} ms`),
      ratioCheck("watcher ms per pass, 10,000 open vs 100", watcherFlat.ratio, "≤", TARGETS.watcherRatio, `${watcherFlat.median_ms_per_pass_10000} vs ${watcherFlat.median_ms_per_pass_100} ms`),
      { row: `watcher over ${OPEN_REQUESTS} open: transfers matched`, figure: `${matched} of ${PAID}`, target: `all ${PAID}`, pass: matched === PAID },
      reported(`watcher over ${OPEN_REQUESTS} open: throughput`, `${matchedPerSecond} transfers matched/s`),
    ];
    const result = {
      at: new Date().toISOString(),
      creates,
      latency,
      watcher: { open_requests: OPEN_REQUESTS, transfers: PAID, matched, ms: watchMs, matched_per_second: matchedPerSecond },
      watcher_flat: watcherFlat,
      missed,
      checks,
    };
    console.log(JSON.stringify(result, null, 2));
    writeResults("verify", result);
    if (missed.length) throw new Error(`missed: ${missed.join("; ")}`);
  } finally {
    await chain.stop();
    await disconnectDb();
    await bench.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
