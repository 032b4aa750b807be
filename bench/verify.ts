// `npm run bench:verify` — payment detection speed on the local chain (issue 4):
//  1. latency from the block that gives a proof its required confirmations to proof_verified,
//     with the worker's default poll interval (target p95 ≤ 1 s);
//  2. watcher throughput: transfers matched per second over 10,000 open requests.
// Uses a throwaway PostgreSQL database and its own anvil; prints JSON and writes
// bench/results/verify.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { randomBytes, randomUUID } from "node:crypto";
import { encodeFunctionData, erc20Abi, getAddress } from "viem";
import { openBenchDatabase, pct } from "./support/bench-db";

const LATENCY_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
const OPEN_REQUESTS = Number(process.env.BENCH_OPEN_REQUESTS ?? 10_000);
const WALLETS = 100;
const PAID = Number(process.env.BENCH_PAID ?? 200);
const CONFIRMATIONS = 3;


async function main() {
  const bench = await openBenchDatabase();

  // Imported after DATABASE_URL is set: config() is read once.
  const { db, disconnectDb } = await import("../lib/db");
  const { startTestChain } = await import("../test/payments/support/chain");
  const { makePaymentSetup, insertRequest } = await import("../test/support/request-fixtures");
  const { attachProof } = await import("../lib/payments/attach-proof");
  const { proofCheckLoop } = await import("../lib/payments/check-proofs");
  const { watchTransfers } = await import("../lib/payments/watch-transfers");
  const { startLoops } = await import("../worker/run-loops");
  const { config } = await import("../lib/config");
  const { rpc } = await import("../scripts/local-chain/anvil");

  const chain = await startTestChain();
  try {
    const settings = chain.withConfirmations(CONFIRMATIONS);
    const s = await makePaymentSetup();
    const wallet = s.merchant.walletAddress!;

    // 1. Latency with a worker running its default loops' timing.
    const worker = startLoops([proofCheckLoop({ chains: [settings], partnerId: s.partner.id })], "bench");
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const amount = 1_000_000n + BigInt(i);
      const req = await insertRequest({ partnerId: s.partner.id, merchantId: s.merchant.id, usdcMicro: amount, receivingWallet: wallet, chainId: settings.chainId, usdcContract: settings.usdcAddress });
      const hash = await chain.transfer(wallet, amount);
      await attachProof({ requestId: req.id, txHash: hash, source: "partner_api", scope: null });
      await chain.mine(CONFIRMATIONS - 2);
      // Let the worker see it waiting, at a random phase of its polling.
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 600));
      await chain.mine(1);
      const t0 = Date.now();
      for (;;) {
        const p = await db.proof.findFirstOrThrow({ where: { requestId: req.id } });
        if (p.verifiedAt) {
          latencies.push(p.verifiedAt.getTime() - t0);
          break;
        }
        if (Date.now() - t0 > 30_000) throw new Error("proof not verified within 30 s");
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    await worker.stop();

    // 2. Watcher throughput over OPEN_REQUESTS open requests spread over WALLETS wallets.
    const t = await makePaymentSetup();
    const wallets = Array.from({ length: WALLETS }, () => `0x${randomBytes(20).toString("hex")}`);
    const perWallet = Math.ceil(OPEN_REQUESTS / WALLETS);
    const rows = Array.from({ length: OPEN_REQUESTS }, (_, i) => ({
      partnerId: t.partner.id, merchantId: t.merchant.id, testMode: false, fiatAmountInt: 1000 + i, fiatCode: "EUR",
      usdcMicro: 5_000_000n + BigInt(i), fxRate: "1.1", fxSource: "static", fxRateAt: new Date(), idempotencyKey: randomUUID(),
      receivingWallet: wallets[Math.floor(i / perWallet)], chainId: settings.chainId, usdcContract: settings.usdcAddress,
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
    const w0 = Date.now();
    let matched = 0;
    for (;;) {
      const r = await watchTransfers({ workerId: "bench", chains: [settings], partnerId: t.partner.id, cursorId: () => cursor });
      matched += r.attached;
      if (r.blocksScanned === 0) break;
    }
    const watchMs = Date.now() - w0;

    const result = {
      at: new Date().toISOString(),
      worker_poll_ms: config().WORKER_POLL_MS,
      confirmations: CONFIRMATIONS,
      latency_ms: { samples: latencies.length, p50: pct(latencies, 50), p95: pct(latencies, 95), max: Math.max(...latencies), target_p95: 1000 },
      watcher: { open_requests: OPEN_REQUESTS, transfers: PAID, matched, ms: watchMs, matched_per_second: Math.round((matched / watchMs) * 1000) },
    };
    console.log(JSON.stringify(result, null, 2));
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/verify.json", `${JSON.stringify(result, null, 2)}\n`);
    if (matched !== PAID) throw new Error(`watcher matched ${matched} of ${PAID} transfers`);
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
