// Host → surface (SPEC §1): partner hosts, the admin host, the bare app host, in production-like
// and development (`demo.localhost:3000`) configurations.
import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { partnerFromHost, partnerSlugFromHost, surfaceFromHost } from "@/lib/partners/partner-from-host";
import { makePartner } from "../support/fixtures";

const saved = { APP_URL: process.env.APP_URL, JOPAY_BASE_DOMAIN: process.env.JOPAY_BASE_DOMAIN };

function withEnv(env: { APP_URL: string; JOPAY_BASE_DOMAIN?: string }) {
  process.env.APP_URL = env.APP_URL;
  if (env.JOPAY_BASE_DOMAIN === undefined) delete process.env.JOPAY_BASE_DOMAIN;
  else process.env.JOPAY_BASE_DOMAIN = env.JOPAY_BASE_DOMAIN;
  resetConfigForTests();
}

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
});

describe("surfaceFromHost", () => {
  it("development: <slug>.localhost:3000 is the partner, localhost:3000 the bare host", () => {
    withEnv({ APP_URL: "http://localhost:3000" });
    expect(surfaceFromHost("demo.localhost:3000")).toEqual({ kind: "partner", slug: "demo" });
    expect(surfaceFromHost("DEMO.LocalHost:3000")).toEqual({ kind: "partner", slug: "demo" });
    expect(surfaceFromHost("localhost:3000")).toEqual({ kind: "app" });
    expect(surfaceFromHost("admin.localhost:3000")).toEqual({ kind: "admin" });
  });

  it("production: partner hosts under the base domain; the app host is not a partner even when under it", () => {
    withEnv({ APP_URL: "https://app.jopay.example", JOPAY_BASE_DOMAIN: "jopay.example" });
    expect(surfaceFromHost("acme.jopay.example")).toEqual({ kind: "partner", slug: "acme" });
    expect(surfaceFromHost("acme.jopay.example.")).toEqual({ kind: "partner", slug: "acme" });
    expect(surfaceFromHost("app.jopay.example")).toEqual({ kind: "app" });
    expect(surfaceFromHost("admin.jopay.example")).toEqual({ kind: "admin" });
  });

  it.each([
    ["no host", null],
    ["an unrelated domain", "evil.example"],
    ["a look-alike suffix", "acme.notjopay.example"],
    ["a nested label", "a.b.jopay.example"],
    ["a reserved name", "www.jopay.example"],
    ["an invalid slug", "-acme.jopay.example"],
    ["the base domain itself", "jopay.example"],
  ])("%s is the bare host", (_label, host) => {
    withEnv({ APP_URL: "https://app.jopay.example", JOPAY_BASE_DOMAIN: "jopay.example" });
    expect(surfaceFromHost(host)).toEqual({ kind: "app" });
    expect(partnerSlugFromHost(host)).toBeNull();
  });
});

describe("partnerFromHost", () => {
  it("finds the partner a host names; null for the bare host and for a slug no partner has", async () => {
    withEnv({ APP_URL: "http://localhost:3000" });
    const { partner } = await makePartner();
    expect(await partnerFromHost(`${partner.slug}.localhost:3000`)).toMatchObject({ id: partner.id, slug: partner.slug, name: partner.name });
    expect(await partnerFromHost("localhost:3000")).toBeNull();
    expect(await partnerFromHost("nosuchpartner.localhost:3000")).toBeNull();
  });
});
