// The log stream as a separate process writes it (pino writes to the file descriptors directly):
// JSON lines with time, level and message; the request id of the running API call; below warn on
// stdout, warn and up on stderr; the level threshold; secrets redacted; console output wrapped.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { requestIdFor } from "@/lib/api/request-id";
import { resetConfigForTests } from "@/lib/config";

function run(script: string, env: Record<string, string> = {}) {
  const file = join(mkdtempSync(join(tmpdir(), "jopay-log-")), "script.mts");
  writeFileSync(file, script.replaceAll("@lib/", `${process.cwd()}/lib/`));
  const r = spawnSync(process.execPath, ["--import", "tsx", file], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", LOG_LEVEL: "debug", ...env },
    encoding: "utf8",
  });
  const parse = (text: string) => text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { out: parse(r.stdout), err: parse(r.stderr), status: r.status };
}

describe("the log stream", () => {
  it("writes JSON lines: info below warn on stdout, warn and error on stderr, with the running request's id", () => {
    const { out, err } = run(`
      import { log } from "@lib/log";
      import { withRequestContext } from "@lib/request-context";
      log.info("outside", { n: 1n });
      await withRequestContext({ requestId: "req-123456789" }, async () => {
        await Promise.resolve();
        log.warn("inside", { key: "jo_live_abcdefghijklmnop1234", nested: { authorization: "Bearer x" } });
      });
      log.error("after");
    `);
    expect(out).toEqual([{ t: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), level: "info", msg: "outside", n: "1" }]);
    expect(err).toEqual([
      { t: expect.any(String), level: "warn", msg: "inside", requestId: "req-123456789", key: "jo_live_[redacted]", nested: { authorization: "[redacted]" } },
      { t: expect.any(String), level: "error", msg: "after" },
    ]);
  });

  it("keeps to LOG_LEVEL", () => {
    const { out, err } = run(`import { log } from "@lib/log"; log.debug("d"); log.info("i"); log.warn("w");`, { LOG_LEVEL: "warn" });
    expect(out).toEqual([]);
    expect(err.map((l) => l.msg)).toEqual(["w"]);
  });

  it("wraps console output into the stream once captured", () => {
    const { out, err } = run(`import { captureConsole } from "@lib/log-console"; captureConsole(); console.log("hello %s", "there"); console.error(new Error("boom"));`);
    expect(out).toEqual([{ t: expect.any(String), level: "info", msg: "console", text: "hello there" }]);
    expect(err[0]).toMatchObject({ level: "error", msg: "console", text: expect.stringContaining("Error: boom") });
  });
});

describe("request ids", () => {
  const req = (id?: string) => new Request("http://localhost/api/v1/requests", { headers: id ? { "x-request-id": id } : {} });
  it("are ours unless a trusted proxy gave a well-formed one", () => {
    process.env.TRUSTED_PROXY_HOPS = "0";
    resetConfigForTests();
    expect(requestIdFor(req("edge-abc-123456"))).toMatch(/^[0-9a-f-]{36}$/);
    process.env.TRUSTED_PROXY_HOPS = "1";
    resetConfigForTests();
    try {
      expect(requestIdFor(req("edge-abc-123456"))).toBe("edge-abc-123456");
      expect(requestIdFor(req("1f0e4c2a-9b7d-4e5f-8a6b-3c2d1e0f9a8b"))).toBe("1f0e4c2a-9b7d-4e5f-8a6b-3c2d1e0f9a8b");
      for (const bad of ["short", "has space in it", "<script>alert(1)</script>", "x".repeat(200), "semi;colon-123456"]) {
        expect(requestIdFor(req(bad))).not.toBe(bad);
      }
    } finally {
      process.env.TRUSTED_PROXY_HOPS = "1";
      resetConfigForTests();
    }
  });
});

