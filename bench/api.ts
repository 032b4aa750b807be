// `npm run bench:api` — Partner API throughput and latency (issue 3, item 11), against `next start`
// on a production build (NEXT_DIST_DIR=.next-bench) and a fresh, migrated PostgreSQL database:
//  1. GET /api/v1/requests with filters (status + merchant_id + since) for one partner with 1,000
//     requests in the table, at 1 and 32 connections;
//  2. POST /api/v1/requests/create at 1 and 32 connections, load spread over 64 keys of 16
//     partners (unique idempotency key and amount per request), side by side with a bare
//     node:http + pg server doing the same authenticated insert; our throughput as a ratio of its;
//  3. the same list call with 1,000,000 requests in the table (bulk-inserted in SQL, ANALYZEd).
// Every partner's rate limit is raised so the limiter counts each request but never refuses.
// Prints a table, writes bench/results/api.json. Targets (README figures, not tests): create ≥ 50%
// of the baseline at 32 connections with p99 ≤ 50 ms; list p95 ≤ 20 ms with 1M rows and within
// 1.5× of the 1,000-row figure. Flags: --no-build reuses .next-bench. Env: BENCH_SECONDS (10),
// BENCH_ROWS (1000000).
import { randomBytes, randomInt } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { migrate } from "../lib/db/migrate";
import { createDatabase, dropDatabase, findPostgres } from "../test/setup/postgres";
import { runLoad, type LoadRequest, type LoadResult } from "./support/load";
import { insertRequests, seedPartners, sql, type BenchPartner } from "./support/seed-api";
import { ensureBuild, startBaseline, startNext, type Started } from "./support/servers";

const DIST_DIR = ".next-bench";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BIG_TABLE = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SMALL_TABLE = 1_000;
// The listed merchant holds half the small table, so the filtered page is full (50 rows +
// has_more) at both table sizes and the comparison is about the table, not the page size.
const LISTED_MERCHANT_ROWS = 500;
const CHAIN_ID = 31337;
const USDC = "0x5fbdb2315678afecb367f032d93f642f64180aa3"; // made up: no chain call happens on create or list
const TARGETS = { createRatio: 0.5, createP99Ms: 50, listP95Ms: 20, listGrowth: 1.5 };

const load1 = () => Number(loadavg()[0].toFixed(2));
const log = (msg: string) => console.error(`[bench:api ${new Date().toISOString().slice(11, 19)}] ${msg}`);

interface Row extends LoadResult {
  load_1m_before: number;
  load_1m_after: number;
}

async function measure(label: string, baseUrl: string, connections: number, next: () => LoadRequest, seconds = SECONDS): Promise<Row> {
  const before = load1();
  const r = await runLoad({ label, baseUrl, connections, seconds, next });
  const row = { ...r, load_1m_before: before, load_1m_after: load1() };
  log(`${label} c=${connections}: ${row.rps} req/s, p50 ${row.p50_ms} ms, p95 ${row.p95_ms} ms, p99 ${row.p99_ms} ms, status ${JSON.stringify(row.status)}`);
  return row;
}

function createRequests(partners: BenchPartner[]): () => LoadRequest {
  const keys = partners.flatMap((p) => p.keys.map((key) => ({ key, merchants: p.merchantIds })));
  let n = 0;
  return () => {
    const { key, merchants } = keys[n++ % keys.length];
    return {
      method: "POST",
      path: "/api/v1/requests/create",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        merchant_id: merchants[randomInt(merchants.length)],
        // Distinct amounts: the amount tag (SPEC §6) never runs out of its 100 slots per wallet.
        fiat_amount_int: 100 + randomInt(10_000_000),
        idempotency_key: randomBytes(16).toString("hex"),
        memo: "bench",
        metadata: { order_id: `bench-${n}` },
      }),
    };
  };
}

function listRequests(partner: BenchPartner, since: string): () => LoadRequest {
  const path = `/api/v1/requests?status=requested&merchant_id=${partner.merchantIds[0]}&since=${encodeURIComponent(since)}`;
  let n = 0;
  return () => ({ method: "GET", path, headers: { authorization: `Bearer ${partner.keys[n++ % partner.keys.length]}` } });
}

/** The list query as Prisma sends it, under EXPLAIN ANALYZE: which index, how much work. */
async function explainList(databaseUrl: string, partner: BenchPartner, since: string) {
  const [{ "QUERY PLAN": plan }] = await sql<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] }>(
    databaseUrl,
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
     SELECT * FROM payment_requests
     WHERE "partnerId" = $1 AND "testMode" = false AND status = 'requested' AND "merchantId" = $2 AND "createdAt" >= $3
     ORDER BY "createdAt" DESC, id DESC LIMIT 51 OFFSET 0`,
    [partner.partnerId, partner.merchantIds[0], since],
  );
  const nodes: string[] = [];
  for (let node: PlanNode | undefined = plan[0].Plan; node; node = node.Plans?.[0]) {
    nodes.push(`${node["Node Type"]}${node["Index Name"] ? ` using ${node["Index Name"]}` : ""}${node["Rows Removed by Filter"] ? ` (filter removed ${node["Rows Removed by Filter"]})` : ""}`);
  }
  return { plan: nodes.join(" → "), execution_ms: plan[0]["Execution Time"], shared_buffers_hit: plan[0].Plan["Shared Hit Blocks"], shared_buffers_read: plan[0].Plan["Shared Read Blocks"] };
}

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Rows Removed by Filter"?: number;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
}

function printTable(rows: Row[]) {
  const head = ["scenario", "conns", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "non-2xx", "load 1m"];
  const body = rows.map((r) => {
    const bad = Object.entries(r.status).filter(([s]) => !s.startsWith("2")).reduce((a, [, c]) => a + c, 0) + r.errors;
    return [r.label, String(r.connections), r.rps.toFixed(1), r.p50_ms.toFixed(1), r.p95_ms.toFixed(1), r.p99_ms.toFixed(1), r.max_ms.toFixed(0), String(bad), `${r.load_1m_before}→${r.load_1m_after}`];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const b of body) console.log(line(b));
}

async function main() {
  const reuse = process.argv.includes("--no-build");
  const startedAt = Date.now();
  ensureBuild(DIST_DIR, reuse);

  const pgServer = await findPostgres();
  const databaseUrl = await createDatabase(pgServer.adminUrl, "jopay_bench_api");
  const stops: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const stop of stops.reverse()) await stop().catch((e) => log(`cleanup: ${e}`));
    stops.length = 0;
    await dropDatabase(pgServer.adminUrl, databaseUrl).catch((e) => log(`drop database: ${e}`));
    await pgServer.stop();
  };
  process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));

  try {
    await migrate(databaseUrl);
    const env: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      APP_URL: "http://127.0.0.1:3000",
      JOPAY_SECRET: "bench-secret-bench-secret-bench-secret-0123456789",
      JOPAY_SINGLE_PROCESS: "0", // no worker loops in the web process: the API alone is measured
      REDIS_URL: "", // the default PostgreSQL counter store
      FX_SOURCE: "static",
      LOG_LEVEL: "warn",
      LIVE_CHAIN_ID: String(CHAIN_ID),
      LIVE_RPC_URL: "http://127.0.0.1:8545",
      LIVE_USDC_ADDRESS: USDC,
      LIVE_CONFIRMATIONS: "1",
      TEST_CHAIN_ID: String(CHAIN_ID),
      TEST_RPC_URL: "http://127.0.0.1:8545",
      TEST_USDC_ADDRESS: USDC,
      TEST_CONFIRMATIONS: "1",
    };
    Object.assign(process.env, env);

    log("seeding 16 partners × (4 keys, 4 onboarded merchants)…");
    const partners = await seedPartners({ partners: 16, keysPerPartner: 4, merchantsPerPartner: 4, rateLimitPerMinute: 1_000_000_000 });
    const { disconnectDb } = await import("../lib/db");
    await disconnectDb();
    const listed = partners[0];
    await insertRequests(databaseUrl, { count: LISTED_MERCHANT_ROWS, merchantIds: [listed.merchantIds[0]], chainId: CHAIN_ID, usdcContract: USDC });
    await insertRequests(databaseUrl, { count: SMALL_TABLE - LISTED_MERCHANT_ROWS, chainId: CHAIN_ID, usdcContract: USDC });
    await sql(databaseUrl, "ANALYZE payment_requests");
    const since = new Date(Date.now() - 60 * 24 * 3600_000).toISOString();

    log("starting next start and the baseline server…");
    const web: Started = await startNext(DIST_DIR, env);
    stops.push(web.stop);
    const baseline: Started = await startBaseline({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: "10", BASELINE_CHAIN_ID: String(CHAIN_ID), BASELINE_USDC_ADDRESS: USDC });
    stops.push(baseline.stop);

    const rows: Row[] = [];
    const list = listRequests(listed, since);
    const create = createRequests(partners);

    // 1. List with 1,000 rows (warm the route, Prisma and the pool first).
    await runLoad({ label: "warm-up", baseUrl: web.url, connections: 4, seconds: 3, next: list });
    const smallExplain = await explainList(databaseUrl, listed, since);
    rows.push(await measure("list, 1k rows", web.url, 1, list));
    rows.push(await measure("list, 1k rows", web.url, 32, list));

    // 2. Create: ours and the baseline, alternating so drifting background load hits both alike.
    await runLoad({ label: "warm-up", baseUrl: web.url, connections: 8, seconds: 3, next: create });
    await runLoad({ label: "warm-up", baseUrl: baseline.url, connections: 8, seconds: 2, next: create });
    for (const connections of [1, 32]) {
      rows.push(await measure("create (next start)", web.url, connections, create));
      rows.push(await measure("create (bare baseline)", baseline.url, connections, create));
    }

    // 3. List with 1,000,000 rows.
    const [{ count }] = await sql<{ count: string }>(databaseUrl, "SELECT count(*) FROM payment_requests");
    const missing = BIG_TABLE - Number(count);
    log(`bulk-inserting ${missing} requests (table has ${count})…`);
    const t0 = Date.now();
    await insertRequests(databaseUrl, { count: missing, chainId: CHAIN_ID, usdcContract: USDC, onProgress: (d) => log(`  ${d}/${missing}`) });
    await sql(databaseUrl, "ANALYZE payment_requests");
    const bulkSeconds = (Date.now() - t0) / 1000;
    const bigExplain = await explainList(databaseUrl, listed, since);
    await runLoad({ label: "warm-up", baseUrl: web.url, connections: 4, seconds: 2, next: list });
    rows.push(await measure("list, 1M rows", web.url, 1, list));
    rows.push(await measure("list, 1M rows", web.url, 32, list));

    const find = (label: string, c: number) => rows.find((r) => r.label === label && r.connections === c)!;
    const ours32 = find("create (next start)", 32);
    const base32 = find("create (bare baseline)", 32);
    const listSmall = find("list, 1k rows", 1);
    const listBig = find("list, 1M rows", 1);
    const summary = {
      create_ratio_1: Number((find("create (next start)", 1).rps / find("create (bare baseline)", 1).rps).toFixed(3)),
      create_ratio_32: Number((ours32.rps / base32.rps).toFixed(3)),
      create_p99_ms_32: ours32.p99_ms,
      list_p95_ms_1k: listSmall.p95_ms,
      list_p95_ms_1m: listBig.p95_ms,
      list_p95_growth: Number((listBig.p95_ms / listSmall.p95_ms).toFixed(2)),
    };
    const met = {
      create_throughput: summary.create_ratio_32 >= TARGETS.createRatio,
      create_p99: summary.create_p99_ms_32 <= TARGETS.createP99Ms,
      list_p95: summary.list_p95_ms_1m <= TARGETS.listP95Ms,
      list_growth: summary.list_p95_growth <= TARGETS.listGrowth,
    };

    console.log();
    printTable(rows);
    console.log();
    console.log(`create at 32 connections: ${(summary.create_ratio_32 * 100).toFixed(0)}% of the bare baseline (target ≥ ${TARGETS.createRatio * 100}%), p99 ${summary.create_p99_ms_32} ms (target ≤ ${TARGETS.createP99Ms} ms)`);
    console.log(`list p95: ${summary.list_p95_ms_1k} ms with 1k rows, ${summary.list_p95_ms_1m} ms with 1M rows = ${summary.list_p95_growth}× (targets ≤ ${TARGETS.listP95Ms} ms, ≤ ${TARGETS.listGrowth}×)`);
    console.log(`list plan with 1M rows: ${bigExplain.plan} (${bigExplain.execution_ms} ms in PostgreSQL)`);
    console.log(`targets met: ${JSON.stringify(met)}`);

    const result = {
      at: new Date().toISOString(),
      machine: { cpus: (await import("node:os")).cpus().length, load_at_end: loadavg().map((l) => Number(l.toFixed(2))) },
      setup: {
        seconds_per_run: SECONDS,
        partners: partners.length,
        keys: partners.reduce((a, p) => a + p.keys.length, 0),
        merchants: partners.reduce((a, p) => a + p.merchantIds.length, 0),
        database_pool_size: 10,
        rate_limit_store: "postgresql",
        list_query: `status=requested&merchant_id=<one merchant>&since=<60 days ago> (default limit 50; the merchant holds ${LISTED_MERCHANT_ROWS} of the 1k rows, so both pages are full)`,
        bulk_insert_seconds: Number(bulkSeconds.toFixed(1)),
        total_seconds: Math.round((Date.now() - startedAt) / 1000),
      },
      targets: TARGETS,
      summary,
      met,
      explain: { rows_1k: smallExplain, rows_1m: bigExplain },
      runs: rows,
    };
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/api.json", `${JSON.stringify(result, null, 2)}\n`);
    log("wrote bench/results/api.json");
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
