// Development launcher: embedded database (or DATABASE_URL), local anvil chain with our test USDC,
// migrations, demo data, then the web server (server/serve.ts: Next in development mode, or on the
// production build with --prod) with the worker loops in-process (single-process mode).
// Ctrl-C stops everything it started; the next run reuses .data/ (database, chain state, keys).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { openDatabase } from "./embedded-db/open-database";
import { bothModesOn, startLocalChain } from "./local-chain/deploy";

// JOPAY_DEV_DIR moves all of it (the launcher's own test runs it in a temporary folder).
const DATA = process.env.JOPAY_DEV_DIR ?? ".data";
process.env.JOPAY_DATA_DIR ??= join(DATA, "pglite");
const args = new Set(process.argv.slice(2));
const production = args.has("--prod"); // the production build instead of Next's development mode

function devSecret(): string {
  const file = join(DATA, "secret");
  if (!existsSync(file)) {
    mkdirSync(DATA, { recursive: true });
    writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

async function waitForHttp(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the web server did not answer at ${url} within ${timeoutMs / 1000}s`);
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  if (!(await portFree(port))) {
    console.error(`Port ${port} is in use. Stop whatever uses it, or run with PORT=3001 npm run dev.`);
    process.exit(1);
  }
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
  process.env.APP_URL = appUrl;
  process.env.JOPAY_SECRET ??= devSecret();

  console.log("› starting database…");
  const database = await openDatabase({ migrate: true });
  console.log(`› starting local chain…`);
  mkdirSync(join(DATA, "anvil"), { recursive: true });
  const chainPort = Number(process.env.ANVIL_PORT ?? 8545);
  const chain = await startLocalChain({
    port: chainPort > 0 && (await portFree(chainPort)) ? chainPort : undefined,
    stateFile: join(DATA, "anvil", "state.json"),
  });

  // Both modes use the local chain in development (SPEC §3).
  const chainEnv = bothModesOn(chain);
  Object.assign(process.env, chainEnv);

  const { seedDemo } = await import("./seed/demo");
  const demo = await seedDemo({ dataDir: DATA, merchantWallet: chain.accounts[1], testMerchantWallet: chain.accounts[2], appUrl });

  const env = {
    ...process.env,
    ...chainEnv,
    DATABASE_URL: database.url,
    APP_URL: appUrl,
    PORT: String(port),
    JOPAY_SINGLE_PROCESS: "1",
    JOPAY_ALLOW_PRIVATE_WEBHOOKS: process.env.JOPAY_ALLOW_PRIVATE_WEBHOOKS ?? "1",
    // Keep the database pool inside what the embedded server serves comfortably.
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? "8",
  };
  const serve = ["--import", "tsx", join("server", "serve.ts"), ...(production ? [] : ["--dev"]), "-p", String(port)];
  const web = spawn(process.execPath, serve, {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log("\n› stopping…");
    web.kill("SIGTERM");
    await new Promise((r) => (web.exitCode !== null ? r(null) : web.once("exit", r)));
    await chain.stop();
    await database.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  web.once("exit", (code) => {
    if (!stopping) {
      console.error(`the web server exited (${code}); stopping`);
      void stop(1);
    }
  });

  await waitForHttp(`${appUrl}/api/health`, 180_000);
  const curl = [
    `curl -s -X POST ${appUrl}/api/v1/requests/create \\`,
    `  -H "Authorization: Bearer ${demo.liveKey}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"merchant_id":"${demo.merchantId}","fiat_amount_int":2500,"memo":"Coffee","metadata":{"order_id":"ORD-1"}}'`,
  ].join("\n");
  console.log(`
JoPay is running (Ctrl-C stops everything).

  Pay page (demo request)  ${appUrl}/pay/${demo.requestId}
  Partner console          ${appUrl}/partner       (also http://demo.localhost:${port}/partner)
  Merchant dashboard       ${appUrl}/merchant
  Admin portal             ${appUrl}/admin
  Developer docs           ${appUrl}/docs

  Admin login              ${demo.adminEmail} / ${demo.adminPassword}
  Partner "demo" keys      live ${demo.liveKey}
                           test ${demo.testKey}
  Merchant (onboarded)     ${demo.merchantId}  wallet ${demo.merchantWallet}
  Local chain              ${chain.rpcUrl} (chain ${chain.chainId}), test USDC ${chain.usdcAddress}
  Database                 ${database.kind === "external" ? "DATABASE_URL" : `embedded (${process.env.JOPAY_DATA_DIR})`}

Create a payment request:
${curl}
`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
