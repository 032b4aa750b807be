// Starts what the e2e suite runs against: a fresh PostgreSQL database (migrated), an anvil chain
// with our test USDC, and `npm start`'s server (server/serve.ts) on the production build. Values
// the specs need are passed through process.env (Playwright workers inherit it). Returns the
// teardown.
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "../../lib/db/migrate";
import { PAY_CLIENT_MANIFEST } from "../../lib/pay-page/client-assets";
import { bothModesOn, startLocalChain } from "../../scripts/local-chain/deploy";
import { createDatabase, dropDatabase, findPostgres } from "../../test/setup/postgres";

async function waitFor(url: string, timeoutMs: number, child: ChildProcess, log: () => string) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the web server exited early:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the web server did not answer ${url}:\n${log()}`);
}

export default async function globalSetup() {
  if (!existsSync(join(process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
    throw new Error("no production build: run `npm run build` before the e2e suite (npm test does)");
  }
  if (!existsSync(PAY_CLIENT_MANIFEST)) {
    throw new Error("no pay page bundle: run `npm run build` (or `npm run build:pay`) before the e2e suite");
  }
  const pgServer = await findPostgres();
  const databaseUrl = await createDatabase(pgServer.adminUrl, "jopay_e2e");
  await migrate(databaseUrl);
  const chain = await startLocalChain({});
  const port = Number(process.env.E2E_PORT ?? 3107);
  const baseUrl = `http://localhost:${port}`;

  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    APP_URL: baseUrl,
    JOPAY_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456789",
    // Production mode requires receipt signing keys (lib/config.ts): a throwaway one per run.
    RECEIPT_SIGNING_KEYS: `e2e:${generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64")}`,
    JOPAY_SINGLE_PROCESS: "1",
    JOPAY_ALLOW_PRIVATE_WEBHOOKS: "1",
    WORKER_POLL_MS: "200",
    ...bothModesOn(chain),
  };
  let output = "";
  // The server's whole output, also to a file: e2e/server-log.spec.ts reads the real log stream.
  const logFile = join(tmpdir(), `jopay-e2e-server-${process.pid}.log`);
  writeFileSync(logFile, "");
  const web = spawn(process.execPath, ["--import", "tsx", join("server", "serve.ts"), "-p", String(port)], {
    env: { ...process.env, ...env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const record = (d: Buffer) => {
    output += d;
    appendFileSync(logFile, d);
  };
  web.stdout?.on("data", record);
  web.stderr?.on("data", record);
  await waitFor(`${baseUrl}/api/health`, 60_000, web, () => output);

  Object.assign(process.env, env, {
    E2E_BASE_URL: baseUrl,
    E2E_SERVER_LOG: logFile,
    E2E_RPC_URL: chain.rpcUrl,
    E2E_USDC: chain.usdcAddress,
    E2E_ACCOUNTS: chain.accounts.join(","),
  });

  return async () => {
    web.kill("SIGTERM");
    await new Promise((r) => (web.exitCode !== null ? r(null) : web.once("exit", r)));
    await chain.stop();
    await dropDatabase(pgServer.adminUrl, databaseUrl);
    await pgServer.stop();
  };
}
