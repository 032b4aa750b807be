// Health as an operator sees it (issue 17): /api/health/live answers while the process runs;
// /api/health/ready checks the database, each mode's chain RPC, the worker heartbeats and FX, and
// flips to 503 naming the failing check and why when the chain's RPC is stopped, when the worker
// is stopped (its heartbeat goes stale), when a loop stops completing passes, and when the FX
// source's rates are old — and back to 200 when each is restored. A real anvil behind a proxy that
// is really closed, the real worker process, this file's own database; the admin System health
// page shows the same checks and the static FX table.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import HealthPage from "@/app/(admin)/admin/(portal)/health/page";
import { resetConfigForTests } from "@/lib/config";
import { db } from "@/lib/db";
import { setFxProviderForTests } from "@/lib/fx/rates";
import { EcbFxProvider } from "@/lib/fx/providers/ecb-provider";
import { call } from "@/test/support/call-route";
import { consoleCookie } from "@/test/support/sessions";
import { makeUser } from "../console/support";
import { asBrowser, Browser } from "../merchant/request-scope";
import { startTestChain, type TestChain } from "../payments/support/chain";
import { startStoppableProxy, startWorkerProcess, until, useChainForBothModes, useOwnDatabase, type WorkerProcess } from "./support";

vi.mock("next/headers", async () => (await import("../merchant/request-scope")).nextHeaders);

// Short, so that a stopped worker goes stale within seconds; above the expiry loop's 2 s interval.
const MAX_AGE_SECONDS = 4;
let database: Awaited<ReturnType<typeof useOwnDatabase>>;
let chain: TestChain;
let rpc: Awaited<ReturnType<typeof startStoppableProxy>>;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  database = await useOwnDatabase();
  chain = await startTestChain();
  rpc = await startStoppableProxy(chain.settings.rpcUrl);
  useChainForBothModes({ ...chain.settings, rpcUrl: rpc.url });
  process.env.WORKER_HEARTBEAT_MAX_AGE_SECONDS = String(MAX_AGE_SECONDS);
  resetConfigForTests();
  worker = await startWorkerProcess();
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await rpc?.stop();
  await chain?.stop();
  await database?.drop();
});

const ready = () => call("GET", "/api/health/ready");
const isReady = (r: { status: number }) => r.status === 200;
const failing = (name: string) => (r: { status: number; body: { checks?: Record<string, { ok: boolean }> } }) => r.status === 503 && r.body.checks?.[name]?.ok === false;

describe("GET /api/health/live", () => {
  it("200 { ok: true } with a request id", async () => {
    const res = await call("GET", "/api/health/live");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("GET /api/health/ready", () => {
  it("200 with every check once the worker reports", async () => {
    const res = await until(ready, isReady);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).toMatchObject({
      ok: true,
      checks: {
        database: { ok: true },
        chain_live: { ok: true, chain_id: chain.settings.chainId, chain: "Local Anvil" },
        chain_test: { ok: true, chain_id: chain.settings.chainId },
        worker: { ok: true, max_age_seconds: MAX_AGE_SECONDS },
        fx: { ok: true, source: "static", age_seconds: 0 },
      },
    });
    expect(res.body.checks.chain_live.head_block).toBe(Number(await chain.head()));
    expect(res.body.checks.worker.newest_heartbeat_age_seconds).toBeLessThanOrEqual(MAX_AGE_SECONDS);
    // GET /api/health is as it was, with a request id now.
    const old = await call("GET", "/api/health");
    expect(old.status).toBe(200);
    expect(old.body).toEqual({ ok: true, database: "up" });
    expect(old.headers.get("x-request-id")).toBeTruthy();
  });

  it("503 naming chain_live and chain_test while the chain's RPC is stopped; 200 again once it is back", async () => {
    await until(ready, isReady);
    await rpc.stop();
    try {
      // (A probe already on a connection when it is cut sees "the RPC closed the connection" first.)
      const refused = "cannot reach the RPC (ECONNREFUSED)";
      const res = await until(ready, (r) => failing("chain_live")(r) && r.body.checks.chain_test.reason === refused && r.body.checks.chain_live.reason === refused);
      expect(res.headers.get("retry-after")).toBe("2");
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body).toMatchObject({
        ok: false,
        error: "service_unavailable",
        checks: {
          database: { ok: true },
          chain_live: { ok: false, reason: "cannot reach the RPC (ECONNREFUSED)", chain_id: chain.settings.chainId },
          chain_test: { ok: false, reason: "cannot reach the RPC (ECONNREFUSED)" },
          fx: { ok: true },
        },
      });
      expect(res.body.message).toMatch(/^Not ready: chain_live \(cannot reach the RPC \(ECONNREFUSED\)\); chain_test \(cannot reach the RPC \(ECONNREFUSED\)\)/);
      // Public: the RPC's address (often with a provider key in it) never shows.
      expect(res.text).not.toContain(new URL(rpc.url).port);
    } finally {
      await rpc.start();
    }
    await until(ready, isReady);
  });

  it("503 naming the worker once the worker process stops (heartbeat stale); 200 again with a new one", async () => {
    await until(ready, isReady);
    await worker!.stop();
    try {
      const res = await until(ready, failing("worker"), 20_000);
      expect(res.body.checks.worker.reason).toMatch(new RegExp(`^no worker has reported for \\d+ s \\(WORKER_HEARTBEAT_MAX_AGE_SECONDS is ${MAX_AGE_SECONDS}\\)$`));
      expect(res.body.checks.worker.newest_heartbeat_age_seconds).toBeGreaterThanOrEqual(MAX_AGE_SECONDS);
      expect(res.body.message).toMatch(/^Not ready: worker \(no worker has reported for \d+ s/);
      expect(Object.entries(res.body.checks).filter(([, c]) => !(c as { ok: boolean }).ok).map(([n]) => n)).toEqual(["worker"]);
    } finally {
      worker = await startWorkerProcess();
    }
    await until(ready, isReady);
  });

  it("503 naming a loop that a live worker runs but has not completed within the limit", async () => {
    await until(ready, isReady);
    // A worker whose second loop hangs: its first loop keeps reporting, the second stopped long ago.
    const workerId = "stuck-test:1";
    const now = Date.now();
    await db.workerHeartbeat.createMany({
      data: [
        { workerId, loop: "imaginary-fast", lastRunAt: new Date(now) },
        { workerId, loop: "imaginary-hung", lastRunAt: new Date(now - 60_000) },
      ],
    });
    try {
      const res = await until(ready, failing("worker"));
      expect(res.body.checks.worker).toMatchObject({ ok: false, stuck_loops: ["imaginary-hung"] });
      expect(res.body.checks.worker.reason).toMatch(/^loop imaginary-hung has not completed a pass for 6\d s/);
    } finally {
      await db.workerHeartbeat.deleteMany({ where: { workerId } });
    }
    await until(ready, isReady);
  });

  it("503 naming fx while the source's rates are old; 200 again with fresh ones", async () => {
    await until(ready, isReady);
    const day = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const xml = `<Cube><Cube time='${day}'><Cube currency='USD' rate='1.1'/><Cube currency='GBP' rate='0.85'/></Cube></Cube>`;
    setFxProviderForTests(new EcbFxProvider(async () => xml));
    try {
      const res = await until(ready, failing("fx"));
      expect(res.body.checks.fx).toMatchObject({ ok: false, source: "ecb", currencies: 3 });
      expect(res.body.checks.fx.reason).toMatch(new RegExp(`^ecb rates are for ${day}, \\d+ min ago$`));
    } finally {
      setFxProviderForTests(undefined);
    }
    await until(ready, isReady);
  });

  it("other methods: the JSON 405 with Allow", async () => {
    for (const path of ["/api/health/live", "/api/health/ready"]) {
      const res = await call("POST", path);
      expect(res.status).toBe(405);
      expect(res.body).toMatchObject({ ok: false, error: "method_not_allowed" });
      expect(res.headers.get("allow")).toBe("GET");
    }
  });
});

describe("admin System health page", () => {
  it("shows the readiness checks and the static FX rates with their source", async () => {
    await until(ready, isReady);
    const admin = await makeUser("admin");
    const html = await asBrowser(new Browser(await consoleCookie(admin.id)), async () => renderToStaticMarkup(await HealthPage()));
    for (const name of ["database", "chain_live", "chain_test", "worker", "fx"]) expect(html).toContain(`data-testid="ready-${name}"`);
    expect(html).toContain(">Ready<");
    expect(html).toContain("Static table (FX_STATIC_RATES)");
    // Every configured rate is listed (the default table: EUR 1.10, JPY 0.0067, …), none of them empty.
    expect(html).toMatch(/<td[^>]*>EUR<\/td><td[^>]*>static<\/td><td[^>]*>1\.1<\/td>/);
    expect(html).toMatch(/<td[^>]*>JPY<\/td><td[^>]*>static<\/td><td[^>]*>0\.0067<\/td>/);
  });

  it("names a failing check and its reason", async () => {
    await rpc.stop();
    try {
      const admin = await makeUser("admin");
      const cookie = await consoleCookie(admin.id);
      // (Chain probes are reused for 2 s: the page may first show the RPC as it was just before.)
      const render = () => asBrowser(new Browser(cookie), async () => renderToStaticMarkup(await HealthPage()));
      const html = await until(render, (h) => h.includes(">Not ready<") && h.includes("ECONNREFUSED"));
      expect(html).toMatch(/data-testid="ready-chain_live".*failing.*cannot reach the RPC \(ECONNREFUSED\)/);
    } finally {
      await rpc.start();
    }
  });
});
