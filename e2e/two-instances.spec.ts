// Horizontal scale (issue 16): two web instances of the production build behind one database —
// with Redis, and without it (limits counted in PostgreSQL) — behave as one. A key's rate limit is
// exact across both (no instance grants its own budget), and one idempotency key sent to both at
// once makes one request, never two.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { jopay } from "./support/cli";
import { setupMerchant } from "./support/pay-setup";

const BASE_PORT = Number(process.env.E2E_PORT ?? 3107) + 20;

async function startInstance(port: number, extraEnv: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", APP_URL: process.env.E2E_BASE_URL!, ...extraEnv };
  // Web only: the suite's main server already runs the worker loops.
  delete env.JOPAY_SINGLE_PROCESS;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", join("server", "serve.ts"), "-p", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance on ${port} exited:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health/live`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`instance on ${port} did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: async () => {
      child.kill("SIGTERM");
      if (child.exitCode === null) await new Promise((r) => child.once("exit", r));
    },
  };
}

async function setLimit(slug: string, perMinute: number) {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  await db.query(`UPDATE partners SET "rateLimitPerMinute" = $2 WHERE slug = $1`, [slug, perMinute]);
  await db.end();
}

for (const store of ["redis", "postgres"] as const) {
  test.describe(`two instances, limits in ${store}`, () => {
    test.describe.configure({ mode: "serial" });
    let a: Awaited<ReturnType<typeof startInstance>>;
    let b: Awaited<ReturnType<typeof startInstance>>;
    test.beforeAll(async () => {
      test.setTimeout(150_000);
      const extra: Record<string, string> = store === "redis" ? { REDIS_URL: "redis://127.0.0.1:6379" } : {};
      const offset = store === "redis" ? 0 : 2;
      [a, b] = await Promise.all([startInstance(BASE_PORT + offset, extra), startInstance(BASE_PORT + offset + 1, extra)]);
    });
    test.afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
    });

    test("a key's per-minute limit is exact across both instances", async ({ request }) => {
      const s = await setupMerchant(request, "live");
      const limit = 12;
      await setLimit(s.slug, limit);
      // A key no call has used yet: its window is empty.
      const { key } = jopay<{ key: string }>("key:create", "--partner", s.slug, "--mode", "live");
      const calls = Array.from({ length: 3 * limit }, (_, i) =>
        fetch(`${(i % 2 ? a : b).url}/api/v1/requests?limit=1`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status),
      );
      const statuses = await Promise.all(calls);
      expect(statuses.filter((st) => st === 200)).toHaveLength(limit);
      expect(statuses.filter((st) => st === 429)).toHaveLength(2 * limit);
    });

    test("one idempotency key sent to both at once makes one request", async ({ request }) => {
      const s = await setupMerchant(request, "live");
      const key = randomBytes(24).toString("base64url");
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          fetch(`${(i % 2 ? a : b).url}/api/v1/requests/create`, {
            method: "POST",
            headers: { authorization: `Bearer ${s.key}`, "content-type": "application/json" },
            body: JSON.stringify({ merchant_id: s.merchantId, fiat_amount_int: 4200, idempotency_key: key }),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as { request_id: string; idempotent_replay?: boolean } })),
        ),
      );
      expect(answers.filter((x) => x.status === 201)).toHaveLength(1);
      expect(answers.filter((x) => x.status === 200 && x.body.idempotent_replay === true)).toHaveLength(15);
      expect(new Set(answers.map((x) => x.body.request_id)).size).toBe(1);
      const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await db.connect();
      const rows = await db.query(`SELECT count(*)::int AS n FROM payment_requests WHERE "merchantId" = $1 AND "idempotencyKey" = $2`, [s.merchantId, key]);
      await db.end();
      expect(rows.rows[0].n).toBe(1);
    });
  });
}
