// Every answer leaves through its operation's response schema (lib/api/with-api-key.ts): fields
// the schema does not declare are dropped, a value it does not allow is a logged 500 rather than a
// malformed answer, and so is a status the operation does not declare. Exercised with a real key
// through the wrapper, with operations made up for the purpose.
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineOperations } from "@/lib/api/operations/operation";
import { withApiKey } from "@/lib/api/with-api-key";
import { log } from "@/lib/log";
import { makeTenant } from "./helpers";

const ops = defineOperations({
  probe: { method: "get", path: "/api/v1/probe", summary: "probe", tag: "Test", scope: null, response: z.object({ name: z.string(), count: z.number().int() }) },
  created: { method: "post", path: "/api/v1/probe", summary: "probe", tag: "Test", scope: null, response: z.object({ name: z.string() }), successStatus: 201 },
});

async function run(handler: Parameters<typeof withApiKey<typeof ops.probe>>[1], op: typeof ops.probe | typeof ops.created = ops.probe) {
  const { liveKey } = await makeTenant();
  const route = withApiKey(op, handler);
  const res = await route(new Request("http://localhost:3000/api/v1/probe", { method: op.method.toUpperCase(), headers: { authorization: `Bearer ${liveKey}`, "x-jopay-peer": "127.0.0.1" } }));
  return { status: res.status, body: await res.json() };
}

describe("response schemas", () => {
  it("only declared fields leave", async () => {
    const res = await run(async () => ({ name: "a", count: 1, secret_hash: "do-not-send", internal: { id: 1 } }));
    expect(res).toEqual({ status: 200, body: { ok: true, name: "a", count: 1 } });
  });

  it("a value the schema does not allow is a 500, logged with the field but not the value", async () => {
    const error = vi.spyOn(log, "error").mockImplementation(() => {});
    const res = await run(async () => ({ name: "whsec_not-for-logs", count: 1.5 }));
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ ok: false, error: "internal_error" });
    const logged = JSON.stringify(error.mock.calls);
    expect(logged).toContain("probe: response does not match its schema (count:");
    expect(logged).not.toContain("whsec_not-for-logs");
    error.mockRestore();
  });

  it("a status the operation does not declare is a 500", async () => {
    const error = vi.spyOn(log, "error").mockImplementation(() => {});
    expect((await run(async () => ({ status: 202, body: { name: "a", count: 1 } }))).status).toBe(500);
    expect((await run(async () => ({ name: "a" }), ops.created)).status).toBe(201);
    expect((await run(async () => ({ status: 200, body: { name: "a" } }), ops.created)).status).toBe(500);
    expect(error).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });
});
