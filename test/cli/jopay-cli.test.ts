// The operations CLI as an operator runs it: a real child process against a real database —
// the run's PostgreSQL, and the embedded default (PGlite) in a temporary data dir.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { call } from "@/test/support/call-route";
import { uniq } from "@/test/support/fixtures";

function jopay(args: string[], env: Record<string, string | undefined>) {
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) childEnv[k] = v;
  const res = spawnSync(process.execPath, ["--import", "tsx", "scripts/jopay.ts", ...args], {
    env: childEnv as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr, json: () => JSON.parse(res.stdout) };
}

const pgEnv = { DATABASE_URL: inject("databaseUrl") };

describe("jopay CLI against PostgreSQL", () => {
  it("partner:create then key:create prints a key the API accepts", async () => {
    const slug = uniq("acme");
    const partner = jopay(["partner:create", "--slug", slug, "--name", "Acme", "--currency", "EUR", "--json"], pgEnv);
    expect(partner.code, partner.stderr).toBe(0);
    expect(partner.json()).toMatchObject({ ok: true, slug, currency: "EUR" });

    const key = jopay(["key:create", "--partner", slug, "--mode", "live", "--json"], pgEnv);
    expect(key.code, key.stderr).toBe(0);
    const body = key.json();
    expect(body.key).toMatch(/^jo_live_[0-9A-Za-z]{32}$/);
    expect(body.scopes).toHaveLength(6);

    const list = await call("GET", "/api/v1/merchants", { key: body.key });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ ok: true, merchants: [] });
  });

  it("restricted scopes are honoured", async () => {
    const slug = uniq("scp");
    expect(jopay(["partner:create", "--slug", slug, "--name", "S", "--currency", "USD"], pgEnv).code).toBe(0);
    const key = jopay(["key:create", "--partner", slug, "--mode", "test", "--scopes", "requests:read", "--json"], pgEnv).json();
    expect(key.scopes).toEqual(["requests:read"]);
    const res = await call("GET", "/api/v1/merchants", { key: key.key });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: "insufficient_scope", required_scope: "merchants:read" });
  });

  it.each([
    [["partner:create", "--slug", "Bad Slug", "--name", "X", "--currency", "EUR"], /--slug/],
    [["partner:create", "--slug", "okslug", "--name", "X", "--currency", "XXX"], /--currency/],
    [["partner:create", "--slug", "okslug", "--name", "X"], /missing --currency/],
    [["partner:create", "--slug", "okslug", "--name", "X", "--currency", "EUR", "--colour", "red"], /unknown option --colour/],
    [["key:create", "--partner", "no-such-partner", "--mode", "live"], /no partner with slug/],
    [["key:create", "--partner", "x", "--mode", "prod"], /--mode must be live or test/],
    [["key:create", "--partner", "x", "--mode", "live", "--scopes", "requests:read,everything"], /unknown scope "everything"/],
    [["merchant:onboard-dev", "--partner", "x", "--merchant", "not-a-uuid"], /no partner|--merchant/],
    [["frobnicate"], /unknown command "frobnicate"/],
  ])("rejects bad input %j with exit 2 and a clear message", (args, message) => {
    const res = jopay(args as string[], pgEnv);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message as RegExp);
    expect(res.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack traces for operator mistakes
  });

  it("a duplicate slug is refused, not a crash", () => {
    const slug = uniq("dup");
    expect(jopay(["partner:create", "--slug", slug, "--name", "A", "--currency", "EUR"], pgEnv).code).toBe(0);
    const again = jopay(["partner:create", "--slug", slug, "--name", "B", "--currency", "EUR", "--json"], pgEnv);
    expect(again.code).toBe(2);
    expect(again.json()).toMatchObject({ ok: false, error: expect.stringContaining("already exists") });
  });
});

describe("jopay CLI on the embedded default", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "jopay-embedded-"));
  const env = { DATABASE_URL: undefined, JOPAY_DATA_DIR: dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("starts, migrates and keeps data across runs", () => {
    const created = jopay(["partner:create", "--slug", "acme", "--name", "Acme", "--currency", "EUR", "--json"], env);
    expect(created.code, created.stderr).toBe(0);
    // A second process sees the first one's data: the embedded database persisted it.
    const key = jopay(["key:create", "--partner", "acme", "--mode", "live", "--json"], env);
    expect(key.code, key.stderr).toBe(0);
    expect(key.json().key).toMatch(/^jo_live_/);
    expect(jopay(["migrate", "--json"], env).json()).toMatchObject({ ok: true, applied: [] });
  });
});
