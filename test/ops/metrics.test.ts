// Metrics (issue 17): /api/metrics through the real route handler, parsed strictly
// (test/support/prometheus-text.ts). Refused without METRICS_TOKEN; every metric the README lists
// is exposed and every exposed one is listed; the database-derived gauges match rows inserted here
// (this file's own database, so the numbers are exact); the worker process counts its webhook
// attempts on its own metrics port, and the backlog and watcher lag move as it works.
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { db } from "@/lib/db";
import { findFreePort } from "@/scripts/support/free-port";
import { call } from "@/test/support/call-route";
import { makeOnboardedMerchant, makePartner } from "@/test/support/fixtures";
import { parsePrometheusText, type Scrape } from "@/test/support/prometheus-text";
import { insertRequest, makePaymentSetup } from "@/test/support/request-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";
import { startTestChain, type TestChain } from "../payments/support/chain";
import { emitTestEvent, partnerWithEndpoint } from "../webhooks/support/harness";
import { METRICS_TOKEN, startWorkerProcess, until, useChainForBothModes, useOwnDatabase } from "./support";
import { allLoops } from "@/worker/loops";

let database: Awaited<ReturnType<typeof useOwnDatabase>>;
let chain: TestChain;
let rx: WebhookReceiver;

beforeAll(async () => {
  database = await useOwnDatabase();
  chain = await startTestChain();
  useChainForBothModes(chain.settings);
  rx = await startWebhookReceiver();
  rx.respond((r) => ({ status: r.path === "/fail" ? 500 : 200 }));
  process.env.METRICS_TOKEN = METRICS_TOKEN;
  resetConfigForTests();
}, 120_000);
afterAll(async () => {
  await rx?.close();
  await chain?.stop();
  await database?.drop();
});

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

async function scrape(): Promise<Scrape> {
  const res = await call("GET", "/api/metrics", bearer(METRICS_TOKEN));
  expect(res.status).toBe(200);
  return parsePrometheusText(res.text);
}

/** The metric names the README's metrics table documents. */
function documentedMetrics(): string[] {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.slice(readme.indexOf("## Operations: health and metrics"));
  const end = section.indexOf("\n## ", 5);
  return [...(end > 0 ? section.slice(0, end) : section).matchAll(/^\| `(jopay_[a-z_]+)` \|/gm)].map((m) => m[1]);
}

describe("who may scrape", () => {
  it("METRICS_TOKEN unset: the route does not exist (the catch-all's JSON 404)", async () => {
    delete process.env.METRICS_TOKEN;
    resetConfigForTests();
    try {
      const res = await call("GET", "/api/metrics", bearer(METRICS_TOKEN));
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ ok: false, error: "not_found", message: "No such API path." });
      expect(res.headers.get("x-request-id")).toBeTruthy();
    } finally {
      process.env.METRICS_TOKEN = METRICS_TOKEN;
      resetConfigForTests();
    }
  });

  it.each([
    ["no Authorization header", {}],
    ["a wrong token of the same length", bearer(METRICS_TOKEN.replace(/.$/, "x"))],
    ["a prefix of the token", bearer(METRICS_TOKEN.slice(0, 20))],
    ["the token and more", bearer(`${METRICS_TOKEN}x`)],
    ["Basic instead of Bearer", { headers: { authorization: `Basic ${Buffer.from(`x:${METRICS_TOKEN}`).toString("base64")}` } }],
    ["an API key", bearer(`jo_live_${"a".repeat(32)}`)],
  ])("401 unauthorized for %s", async (_name, opts) => {
    const res = await call("GET", "/api/metrics", opts);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ ok: false, error: "unauthorized" });
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(res.text).not.toContain("jopay_");
  });

  it("200 Prometheus text for the token", async () => {
    const res = await call("GET", "/api/metrics", bearer(METRICS_TOKEN));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });
});

describe("the exposition", () => {
  it("parses strictly; exposes exactly the metrics the README documents, each with HELP and TYPE", async () => {
    const s = await scrape();
    const exposed = [...s.families.keys()].filter((n) => n.startsWith("jopay_")).sort();
    expect(exposed).toEqual([...new Set(documentedMetrics())].sort());
    for (const name of exposed) expect(s.family(name).help, name).toBeTruthy();
    expect(s.family("jopay_api_request_duration_seconds").type).toBe("histogram");
    expect(s.family("jopay_webhook_attempts_total").type).toBe("counter");
    expect(s.family("jopay_proof_queue_depth").type).toBe("gauge");
    // Node's runtime metrics come along (prom-client's defaults).
    expect(s.family("process_cpu_user_seconds_total").type).toBe("counter");
  });

  it("the parser itself refuses what Prometheus would", () => {
    const ok = "# HELP a_total x\n# TYPE a_total counter\na_total{k=\"v\"} 1\n";
    expect(() => parsePrometheusText(ok)).not.toThrow();
    for (const bad of [
      ok.trimEnd(), // no final newline
      `${ok}b 1\n`, // undeclared family
      `${ok}a_total{k="v"} 2\n`, // the same series twice
      ok.replace('{k="v"}', '{k="v}'), // unterminated value
      ok.replace('{k="v"}', "{k=v}"), // unquoted value
      ok.replace(" 1\n", " one\n"), // not a number
      "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 0\n", // not cumulative
      "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\nh_sum 0\n", // no +Inf
    ]) {
      expect(() => parsePrometheusText(bad), JSON.stringify(bad)).toThrow();
    }
  });
});

describe("database-derived gauges", () => {
  it("proof queue, webhook backlog and watcher lag are what the tables say", async () => {
    const now = Date.now();
    // Proofs on a chain no mode uses: the worker started below leaves them alone for a day.
    const setup = await makePaymentSetup();
    const request = await insertRequest({
      partnerId: setup.partner.id, merchantId: setup.merchant.id, receivingWallet: setup.merchant.walletAddress!, chainId: 999,
      usdcContract: `0x${"2".repeat(40)}`, usdcMicro: 1_000_000n,
    });
    const proof = (createdAgoS: number, nextCheckInS: number, extra: { simulated?: boolean; outcome?: "pending" | "rejected" } = {}) => {
      const hash = `0x${randomBytes(32).toString("hex")}`;
      return {
        requestId: request.id, chainId: 999, txHash: hash, activeTxHash: extra.outcome === "rejected" ? null : hash, source: "partner_api" as const,
        expectedMicro: 1_000_000n, createdAt: new Date(now - createdAgoS * 1000), nextCheckAt: new Date(now + nextCheckInS * 1000), ...extra,
      };
    };
    await db.proof.createMany({
      data: [proof(600, -120), proof(60, 60), proof(0, 60), proof(9_000, -9_000, { simulated: true }), proof(9_000, -9_000, { outcome: "rejected" })],
    });

    // Three endpoints with an event each, waiting five minutes; the third endpoint is disabled by its partner.
    const ok = await partnerWithEndpoint(rx.url("/ok"));
    const failing = await partnerWithEndpoint(rx.url("/fail"));
    const off = await partnerWithEndpoint(rx.url("/off"));
    for (const p of [ok, failing, off]) await emitTestEvent(p.partner.id);
    await db.webhookEndpoint.update({ where: { id: off.endpoint.id }, data: { disabled: true, disabledReason: "disabled by the partner", disabledAt: new Date() } });
    await db.webhookDelivery.updateMany({ data: { nextAttemptAt: new Date(now - 300_000) } });

    // The watcher's cursor for the local chain, far behind its head.
    await chain.mine(40);
    const head = await chain.head();
    await db.chainCursor.create({ data: { chainId: chain.settings.chainId, lastScannedBlock: 0n, headBlock: head } });

    const s = await scrape();
    expect(s.value("jopay_metrics_database_ok")).toBe(1);
    expect(s.value("jopay_proof_queue_depth")).toBe(3);
    expect(s.value("jopay_proof_queue_oldest_age_seconds")).toBeGreaterThanOrEqual(600);
    expect(s.value("jopay_proof_queue_oldest_age_seconds")).toBeLessThan(700);
    expect(s.value("jopay_proof_check_overdue_seconds")).toBeGreaterThanOrEqual(120);
    expect(s.value("jopay_proof_check_overdue_seconds")).toBeLessThan(200);
    expect(s.value("jopay_webhook_backlog_deliveries")).toBe(2);
    expect(s.value("jopay_webhook_backlog_age_seconds")).toBeGreaterThanOrEqual(300);
    expect(s.value("jopay_webhook_backlog_age_seconds")).toBeLessThan(400);
    const chainLabels = { chain_id: String(chain.settings.chainId), chain: "Local Anvil" };
    expect(s.value("jopay_watcher_lag_blocks", chainLabels)).toBe(Number(head));
    expect(s.value("jopay_watcher_cursor_age_seconds", chainLabels)).toBeLessThan(60);
    expect(s.family("jopay_worker_heartbeat_age_seconds").samples).toEqual([]); // no worker has run yet
    expect(s.value("jopay_fx_rate_age_seconds", { source: "static" })).toBe(0);
    expect(s.value("jopay_fx_stale", { source: "static" })).toBe(0);
    expect(s.value("jopay_db_pool_max_connections")).toBe(10);
    expect(s.value("jopay_db_pool_connections_in_use")).toBeGreaterThanOrEqual(0);

    // A fourth proof is seen by the next scrape: nothing is cached between scrapes.
    await db.proof.create({ data: proof(0, 60) });
    expect((await scrape()).value("jopay_proof_queue_depth")).toBe(4);
  });
});

describe("the API wrapper's calls", () => {
  it("every answer of a real API call lands in the histogram under its operation and status; a 429 counts its bucket", async () => {
    const { partner, liveKey } = await makePartner({ rateLimitPerMinute: 2 });
    const merchant = await makeOnboardedMerchant(partner.id);
    const before = await scrape();
    const count = (s: Scrape, operation: string, status: string) => s.value("jopay_api_request_duration_seconds_count", { operation, status }) ?? 0;
    const rejected = (s: Scrape) => s.value("jopay_rate_limit_rejections_total", { bucket: "default" }) ?? 0;
    const create = () => call("POST", "/api/v1/requests/create", { key: liveKey, body: { merchant_id: merchant.id, fiat_amount_int: 100 } });
    expect((await create()).status).toBe(201);
    expect((await call("GET", "/api/v1/requests/00000000-0000-7000-8000-000000000000", { key: liveKey })).status).toBe(404);
    expect((await create()).status).toBe(429); // the third call of a 2/min key
    const after = await scrape();
    expect(count(after, "createRequest", "201") - count(before, "createRequest", "201")).toBe(1);
    expect(count(after, "getRequest", "404") - count(before, "getRequest", "404")).toBe(1);
    expect(count(after, "createRequest", "429") - count(before, "createRequest", "429")).toBe(1);
    expect(rejected(after) - rejected(before)).toBe(1);
    const sum = (s: Scrape) => s.value("jopay_api_request_duration_seconds_sum", { operation: "createRequest", status: "201" }) ?? 0;
    expect(sum(after) - sum(before)).toBeGreaterThan(0);
  });
});

describe("the worker process", () => {
  it("counts its webhook attempts on its own metrics port; backlog and lag fall as it works", async () => {
    const port = await findFreePort();
    const worker = await startWorkerProcess({ WORKER_METRICS_PORT: String(port) });
    const workerMetrics = (authorization = `Bearer ${METRICS_TOKEN}`, path = "/metrics") =>
      fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization } });
    try {
      await rx.waitFor((all) => all.some((r) => r.path === "/ok") && all.some((r) => r.path === "/fail"), 20_000);
      const attempts = (s: Scrape, result: string) => s.value("jopay_webhook_attempts_total", { result }) ?? 0;
      const s = await until(
        async () => parsePrometheusText(await (await workerMetrics()).text()),
        (x) => attempts(x, "success") >= 1 && attempts(x, "failure") >= 1,
      );
      expect(attempts(s, "success")).toBe(1); // the disabled endpoint's delivery is never attempted
      expect(s.value("jopay_webhook_failures_total", { reason: "http_5xx" })).toBe(attempts(s, "failure"));
      expect(s.value("jopay_db_pool_max_connections")).toBe(10);
      // The database-derived gauges are the web process's to serve, not every worker's.
      expect(s.families.has("jopay_proof_queue_depth")).toBe(false);
      expect(s.families.has("jopay_webhook_backlog_age_seconds")).toBe(false);

      const refused = await workerMetrics("Bearer wrong");
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ ok: false, error: "unauthorized" });
      expect((await workerMetrics(`Bearer ${METRICS_TOKEN}`, "/other")).status).toBe(404);

      // Web: the backlog is gone (the failed delivery waits for its retry, not due) and the watcher caught up.
      const chainLabels = { chain_id: String(chain.settings.chainId), chain: "Local Anvil" };
      const web = await until(scrape, (x) => x.value("jopay_webhook_backlog_deliveries") === 0 && x.value("jopay_watcher_lag_blocks", chainLabels) === 0);
      expect(web.value("jopay_webhook_backlog_age_seconds")).toBe(0);
      // Every loop a worker runs (worker/loops.ts) reports its heartbeat.
      const names = allLoops().map((l) => l.name).sort();
      expect(names).toContain("webhook-delivery");
      const loops = await until(scrape, (x) => x.family("jopay_worker_heartbeat_age_seconds").samples.length === names.length);
      for (const sample of loops.family("jopay_worker_heartbeat_age_seconds").samples) expect(sample.value, sample.labels.loop).toBeLessThan(60);
      expect(loops.family("jopay_worker_heartbeat_age_seconds").samples.map((x) => x.labels.loop).sort()).toEqual(names);
      // The worker never touched the proofs on the unconfigured chain.
      expect(web.value("jopay_proof_queue_depth")).toBe(4);
    } finally {
      await worker.stop();
    }
  });
});
