// Processes the API bench runs against: a production build of the app under its own dist dir,
// served by `npm start`'s server (server/serve.ts) on a free port, and the bare baseline server.
// Each start returns a stop().
import { findFreePort } from "../../scripts/support/free-port";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";


/**
 * `next build` into `distDir` unless `reuse` and a build is there. Next rewrites tsconfig.json
 * (adds `<distDir>/types` includes and reformats); that rewrite is undone when it is the only change.
 */
export function ensureBuild(distDir: string, reuse: boolean) {
  if (reuse && existsSync(join(distDir, "BUILD_ID"))) {
    console.error(`reusing the production build in ${distDir}`);
    return;
  }
  console.error(`building into ${distDir} (pass --no-build to reuse an existing build)…`);
  const before = readFileSync("tsconfig.json", "utf8");
  const t0 = Date.now();
  const res = spawnSync(process.execPath, [join("node_modules", "next", "dist", "bin", "next"), "build"], {
    env: { ...process.env, NEXT_DIST_DIR: distDir, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  restoreTsconfig(before, distDir);
  if (res.status !== 0) throw new Error(`next build failed (exit ${res.status})`);
  console.error(`built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

function restoreTsconfig(before: string, distDir: string) {
  const after = readFileSync("tsconfig.json", "utf8");
  if (after === before) return;
  try {
    const a = JSON.parse(after) as { include?: string[] };
    a.include = a.include?.filter((p) => !p.startsWith(`${distDir}/`));
    if (JSON.stringify(a) === JSON.stringify(JSON.parse(before))) writeFileSync("tsconfig.json", before);
    else console.error("tsconfig.json changed during the build in more than next's include lines; left as is");
  } catch {
    console.error("tsconfig.json changed during the build and could not be compared; left as is");
  }
}

export interface Started {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function waitUntil(ok: () => Promise<boolean>, child: ChildProcess, what: string, output: () => string, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited early:\n${output()}`);
    if (await ok().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not come up:\n${output()}`);
}

function stopper(child: ChildProcess) {
  return async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    const exited = new Promise((r) => child.once("exit", r));
    const killed = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killed);
  };
}

// A production server refuses to boot without receipt signing keys (lib/config.ts); the benches
// sign no receipt that outlives the run, so a fresh key per bench process does.
const benchSigningKeys = () =>
  `bench:${generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64")}`;

/** `nodeArgs` e.g. ["--cpu-prof"] to see where the web process spends its time. */
export async function startNext(distDir: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<Started> {
  const port = await findFreePort();
  let output = "";
  const serve = ["--import", "tsx", join("server", "serve.ts"), "-p", String(port), "-H", "127.0.0.1"];
  const child = spawn(process.execPath, [...nodeArgs, ...serve], {
    env: {
      RECEIPT_SIGNING_KEYS: benchSigningKeys(),
      ...process.env,
      ...env,
      NEXT_DIST_DIR: distDir,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(async () => (await fetch(`${url}/api/health`)).ok, child, "the web server", () => output);
  return { url, pid: child.pid!, stop: stopper(child) };
}

export async function startBaseline(env: Record<string, string>): Promise<Started> {
  const port = await findFreePort();
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", join("bench", "support", "baseline-server.ts")], {
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  await waitUntil(async () => output.includes("listening"), child, "baseline server", () => output);
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: stopper(child) };
}
