// The newcomer's start command (issue #2): on the embedded database with a local chain, the
// printed curl creates a payment request; after Ctrl-C and a restart the data is still there.
// Runs scripts/dev.ts with --prod (the production build the suite already has) in a temp folder.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";

const PORT = 3211;

function launch(dir: string): { child: ChildProcess; output: () => string; ready: Promise<string> } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    // The launcher must use its embedded database and its own chain, not the suite's.
    if (v !== undefined && !/^(DATABASE_URL|APP_URL|LIVE_|TEST_|JOPAY_DATA_DIR)/.test(k)) env[k] = v;
  }
  Object.assign(env, { JOPAY_DEV_DIR: dir, PORT: String(PORT), ANVIL_PORT: "0" });
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts", "--prod"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes("Create a test-mode payment request")) setTimeout(() => resolve(out), 200);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
    child.once("exit", (code) => reject(new Error(`launcher exited (${code}):\n${out}`)));
  });
  return { child, output: () => out, ready };
}

async function stop(child: ChildProcess) {
  child.kill("SIGINT"); // what Ctrl-C sends
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
}

/** Runs the printed curl exactly as a newcomer pastes it, in bash. */
function runPrintedCurl(output: string) {
  const curl = output.slice(output.indexOf("curl -s")).trim();
  const key = /Bearer (jo_test_\w+)/.exec(curl)![1];
  const res = JSON.parse(execFileSync("bash", ["-c", curl], { encoding: "utf8" })) as Record<string, unknown>;
  return { body: res, key };
}

test("npm run dev starts on the embedded default, the printed curl works, data survives a restart", async () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), "jopay-dev-"));
  try {
    const first = launch(dir);
    const out1 = await first.ready;
    expect(out1).toMatch(new RegExp(`http://(localhost|127\\.0\\.0\\.1):${PORT}/pay/`));
    expect(out1).toMatch(/Admin login\s+admin@jopay\.local \/ \S+/);
    const created = runPrintedCurl(out1);
    expect(created.body).toMatchObject({ ok: true, status: "requested", memo: "Coffee", amount: { fiat_int: 2500, fiat_code: "EUR", usdc_micro: expect.stringMatching(/^2750\d{4}$/) } });
    await stop(first.child);

    const second = launch(dir);
    const out2 = await second.ready;
    // Same demo key printed again, and the request made before the restart is still there.
    expect(/Bearer (jo_test_\w+)/.exec(out2)![1]).toBe(created.key);
    const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/requests/${created.body.request_id}`, {
      headers: { authorization: `Bearer ${created.key}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ request_id: created.body.request_id, memo: "Coffee" });
    await stop(second.child);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
