// `npm run bench:paypage` — pay page budgets (issue 6), measured against the production build:
//  1. first-load JavaScript: the gzip size of every script the pay page's HTML makes the browser
//     load (script src, modulepreload, and their static imports), before the wallet button is
//     clicked (budget ≤ 100 kB); also checks that the wallet code (viem) and the WalletConnect SDK
//     are not among them;
//  2. server response time of GET /pay/:id under `next start` (budget p50 ≤ 30 ms), sequential
//     requests from one client after a warm-up.
// Reuses the e2e environment (fresh database, anvil + test USDC, `next start` on E2E_PORT) so it
// needs `npm run build` first. Prints JSON, writes bench/results/paypage.json, exits 1 over budget.
import { pct } from "./support/bench-db";
import { exitOnMissed, writeResults, type Check } from "./support/checks";
import { gzipSync } from "node:zlib";
import globalSetup from "../e2e/support/global-setup";
import { jopay } from "../e2e/support/cli";
import { firstLoadChunks, WALLET_FLOW_MARKER, WALLETCONNECT_MARKER } from "../test/pay/support/first-load-js";

const JS_BUDGET_KB = 100;
const P50_BUDGET_MS = 30;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";


/**
 * fetch, retried once when the server closed a kept-alive socket just as it was reused: the CLI
 * steps between requests can outlast the server's keep-alive timeout on a loaded machine. Only
 * that socket error is retried (a duplicate bench merchant would be harmless anyway).
 */
async function fetchOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== "UND_ERR_SOCKET") throw err;
    return fetch(url, init);
  }
}

async function payPageUrl(base: string): Promise<string> {
  const slug = `bench${Date.now().toString(36)}`;
  jopay("partner:create", "--slug", slug, "--name", "Bench Partner", "--currency", "EUR");
  const { key } = jopay<{ key: string }>("key:create", "--partner", slug, "--mode", "live");
  const wallet = `0x${Date.now().toString(16).padStart(40, "0")}`;
  const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const m = await (await fetchOnce(`${base}/api/v1/merchants`, { method: "POST", headers: auth, body: JSON.stringify({ business_name: "Bench Shop", wallet_address: wallet }) })).json();
  jopay("merchant:onboard-dev", "--partner", slug, "--merchant", m.merchant_id, "--wallet", wallet);
  const r = await (
    await fetchOnce(`${base}/api/v1/requests/create`, { method: "POST", headers: auth, body: JSON.stringify({ merchant_id: m.merchant_id, fiat_amount_int: 2500, memo: "bench" }) })
  ).json();
  return r.pay_page_url as string;
}

async function firstLoadJs(url: string) {
  const { html, chunks } = await firstLoadChunks(url, { "user-agent": BROWSER_UA });
  // Inline JavaScript only: the hydration props travel as inert JSON (type="application/json").
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/type="application\/json"/.test(m[1]))
    .map((m) => m[2])
    .join("");
  return {
    chunks: chunks.map(({ src, bytes, gzip }) => ({ src, bytes, gzip })),
    totalGzipKb: chunks.reduce((a, c) => a + c.gzip, 0) / 1024,
    inlineGzipKb: gzipSync(inline).length / 1024,
    htmlGzipKb: gzipSync(html).length / 1024,
    propsJsonGzipKb: gzipSync(/<script id="pay-props" type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "").length / 1024,
    walletCodeInFirstLoad: chunks.some((c) => WALLET_FLOW_MARKER.test(c.body)),
    walletConnectInFirstLoad: chunks.some((c) => WALLETCONNECT_MARKER.test(c.body)),
  };
}

async function serverLatency(url: string) {
  for (let i = 0; i < 20; i++) await (await fetch(url, { headers: { "user-agent": BROWSER_UA } })).text();
  const ms: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    await (await fetch(url, { headers: { "user-agent": BROWSER_UA } })).text();
    ms.push(performance.now() - t);
  }
  return { samples: SAMPLES, p50: pct(ms, 50), p95: pct(ms, 95), max: Math.max(...ms) };
}

async function main() {
  const teardown = await globalSetup();
  try {
    const base = process.env.E2E_BASE_URL!;
    const url = await payPageUrl(base);
    const js = await firstLoadJs(url);
    const latency = await serverLatency(url);
    const result = {
      measuredAt: new Date().toISOString(),
      firstLoadJs: { ...js, budgetKb: JS_BUDGET_KB, withinBudget: js.totalGzipKb <= JS_BUDGET_KB && !js.walletCodeInFirstLoad && !js.walletConnectInFirstLoad },
      serverMs: { ...latency, budgetP50: P50_BUDGET_MS, withinBudget: latency.p50 <= P50_BUDGET_MS },
    };
    const checks: Check[] = [
      {
        row: "pay page first-load JS before the wallet click, gzip",
        figure: `${result.firstLoadJs.totalGzipKb.toFixed(1)} kB${js.walletCodeInFirstLoad || js.walletConnectInFirstLoad ? " (wallet code in it)" : ""}`,
        target: `≤ ${JS_BUDGET_KB} kB, no wallet code`,
        pass: result.firstLoadJs.withinBudget,
      },
      { row: "pay page server response p50 (next start)", figure: `${latency.p50.toFixed(1)} ms`, target: `≤ ${P50_BUDGET_MS} ms`, pass: result.serverMs.withinBudget },
    ];
    console.log(JSON.stringify(result, null, 2));
    writeResults("paypage", { ...result, checks });
    exitOnMissed("paypage", checks);
  } finally {
    await teardown();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
