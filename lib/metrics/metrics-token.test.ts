import { afterEach, describe, expect, it } from "vitest";
import { parseEnv, resetConfigForTests } from "@/lib/config";
import { metricsAccess } from "./metrics-token";

const TOKEN = "t".repeat(40);

afterEach(() => {
  delete process.env.METRICS_TOKEN;
  resetConfigForTests();
});

describe("metricsAccess", () => {
  it("is disabled without METRICS_TOKEN, whatever is sent", () => {
    expect(metricsAccess(`Bearer ${TOKEN}`)).toBe("disabled");
    expect(metricsAccess(null)).toBe("disabled");
  });

  it.each([
    [`Bearer ${TOKEN}`, "allowed"],
    [`bearer ${TOKEN}`, "allowed"],
    [` Bearer ${TOKEN} `, "allowed"],
    [null, "refused"],
    ["", "refused"],
    [TOKEN, "refused"],
    [`Bearer ${TOKEN.slice(1)}`, "refused"],
    [`Bearer ${TOKEN}t`, "refused"],
    [`Bearer ${TOKEN.replace(/.$/, "u")}`, "refused"],
    [`Bearer  ${TOKEN}`, "refused"],
    [`Basic ${TOKEN}`, "refused"],
  ] as const)("%j → %s", (header, expected) => {
    process.env.METRICS_TOKEN = TOKEN;
    resetConfigForTests();
    expect(metricsAccess(header)).toBe(expected);
  });
});

describe("metrics configuration", () => {
  it("METRICS_TOKEN: at least 32 characters; empty means unset", () => {
    expect(() => parseEnv({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN: must be at least 32 characters/);
    expect(parseEnv({ METRICS_TOKEN: "" }).METRICS_TOKEN).toBeUndefined();
    expect(parseEnv({ METRICS_TOKEN: TOKEN }).METRICS_TOKEN).toBe(TOKEN);
  });

  it("WORKER_METRICS_PORT: a port, and only with METRICS_TOKEN", () => {
    expect(() => parseEnv({ WORKER_METRICS_PORT: "9464" })).toThrow(/WORKER_METRICS_PORT: needs METRICS_TOKEN/);
    expect(() => parseEnv({ WORKER_METRICS_PORT: "70000", METRICS_TOKEN: TOKEN })).toThrow(/WORKER_METRICS_PORT/);
    expect(parseEnv({ WORKER_METRICS_PORT: "9464", METRICS_TOKEN: TOKEN }).WORKER_METRICS_PORT).toBe(9464);
    expect(parseEnv({ WORKER_METRICS_PORT: "" }).WORKER_METRICS_PORT).toBeUndefined();
  });

  it("WORKER_HEARTBEAT_MAX_AGE_SECONDS: 60 unless set", () => {
    expect(parseEnv({}).WORKER_HEARTBEAT_MAX_AGE_SECONDS).toBe(60);
    expect(parseEnv({ WORKER_HEARTBEAT_MAX_AGE_SECONDS: "5" }).WORKER_HEARTBEAT_MAX_AGE_SECONDS).toBe(5);
    expect(() => parseEnv({ WORKER_HEARTBEAT_MAX_AGE_SECONDS: "0" })).toThrow(/WORKER_HEARTBEAT_MAX_AGE_SECONDS/);
  });
});
