// Development launcher: embedded database (or DATABASE_URL), local anvil chain with our test USDC,
// migrations, demo data, then the web server (server/serve.ts: Next in development mode, or on the
// production build with --prod) with the worker loops in-process (single-process mode).
//
// Stopping: SIGINT (Ctrl-C), SIGTERM or SIGHUP stops everything it started, in dependency order:
// the web process first (Next closes, then the process exits and its worker loops with it), then
// the database and the chain, which nothing uses any more. Each child runs in a process group of
// its own, so a Ctrl-C in the terminal reaches only this process and cannot stop the database
// under a running server. A second signal forces the stop. The next run reuses .data/.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { openDatabase, type OpenDatabase } from "./embedded-db/open-database";
import { banner } from "./launcher/banner";
import { listenForStop } from "./launcher/stop-signals";
import { startWebProcess, type WebProcess } from "./launcher/web-process";
import { bothModesOn, startLocalChain, type LocalChain } from "./local-chain/deploy";
import { purposeKeyFrom } from "@/lib/app-secret";
import { DERIVED_KEY_PURPOSE, derivedSigningKey, signingKeyEntry } from "@/lib/receipts/signing-key-entries";

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

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/** Where this machine reaches a server bound to `host` (a wildcard address means loopback). */
function reachable(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

/** Polls until the server answers below 500; false if `giveUp` aborted first. */
async function waitForHttp(url: string, timeoutMs: number, giveUp: AbortSignal): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !giveUp.aborted) {
    try {
      const res = await fetch(url, { signal: giveUp });
      if (res.status < 500) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (giveUp.aborted) return false;
  throw new Error(`the web server did not answer at ${url} within ${timeoutMs / 1000}s`);
}

let database: OpenDatabase | undefined;
let chain: LocalChain | undefined;
let web: WebProcess | undefined;

async function stopAll() {
  if (!database && !chain && !web) return;
  console.log("\n› stopping…");
  await web?.stop();
  await Promise.all([database?.close(), chain?.stop()]);
  console.log("› stopped");
}

async function main(): Promise<number> {
  // Loopback unless asked: the banner prints the demo logins, which must not serve a whole network.
  const host = process.env.HOST || "127.0.0.1";
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error(`PORT must be a port number, not ${process.env.PORT}`);
    return 2;
  }
  if (!(await portFree(host, port))) {
    console.error(`Port ${port} is in use. Stop whatever uses it, or run with PORT=3001 npm run dev.`);
    return 1;
  }
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
  process.env.APP_URL = appUrl;
  process.env.JOPAY_SECRET ??= devSecret();
  // Production mode (--prod) requires receipt keys: hand it the key development derives from the
  // same secret, so receipts verify alike in both modes.
  if (production) process.env.RECEIPT_SIGNING_KEYS ??= signingKeyEntry(derivedSigningKey(purposeKeyFrom(process.env.JOPAY_SECRET, DERIVED_KEY_PURPOSE)));

  const stop = listenForStop((signal) => {
    console.log(`› ${signal} again: forcing the stop`);
    web?.kill();
    // The database (its IPC channel closes) and the chain (its parent-death signal) stop themselves.
    process.exit(1);
  });

  console.log("› starting database…");
  database = await openDatabase({ migrate: true, detached: true });
  if (stop.signalled) return 0;
  console.log(`› starting local chain…`);
  mkdirSync(join(DATA, "anvil"), { recursive: true });
  const chainPort = Number(process.env.ANVIL_PORT ?? 8545);
  chain = await startLocalChain({
    port: chainPort > 0 && (await portFree("127.0.0.1", chainPort)) ? chainPort : undefined,
    stateFile: join(DATA, "anvil", "state.json"),
    detached: true,
  });
  if (stop.signalled) return 0;

  // Both modes use the local chain in development (SPEC §3).
  const chainEnv = bothModesOn(chain);
  Object.assign(process.env, chainEnv);

  const { seedDemo } = await import("./seed/demo");
  const { disconnectDb } = await import("@/lib/db");
  const demo = await seedDemo({ dataDir: DATA, merchantWallet: chain.accounts[1], testMerchantWallet: chain.accounts[2], appUrl });
  // Our own connections go now, not when the database stops under them (which logs warnings).
  await disconnectDb();
  if (stop.signalled) return 0;

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
  const serve = ["--import", "tsx", join("server", "serve.ts"), ...(production ? [] : ["--dev"]), "-p", String(port), "-H", host];
  web = startWebProcess(serve, env);
  const webExit = web.exited.then(({ code, signal }) => {
    if (!stop.signalled) console.error(`the web server exited (${signal ?? code}); stopping`);
    return 1;
  });

  const giveUp = new AbortController();
  const up = await Promise.race([
    waitForHttp(`http://${reachable(host)}:${port}/api/health`, 180_000, giveUp.signal),
    stop.requested.then(() => false),
    webExit.then(() => false),
  ]).finally(() => giveUp.abort());
  if (up) {
    const where = database.kind === "external" ? "DATABASE_URL" : `embedded (${process.env.JOPAY_DATA_DIR})`;
    console.log(banner({ appUrl, port, host, demo, chain, database: where }));
  }
  return Promise.race([stop.requested.then(() => 0), webExit]);
}

// After SIGHUP the terminal is gone: writing the stop's progress to it must not crash the stop.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
} finally {
  await stopAll();
}
process.exit(code);
