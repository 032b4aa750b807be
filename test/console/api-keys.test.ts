// Console API keys against the real API: a created key works, a revoked one is 401 at once, a
// rolled one keeps working for the chosen overlap while the new one works immediately.
import { describe, expect, it } from "vitest";
import { createKeyAction, revokeKeyAction, rollKeyAction } from "@/lib/console/actions/api-keys";
import { db } from "@/lib/db";
import { call } from "../support/call-route";
import { makePartner } from "../support/fixtures";
import { makeUser, sessionFor } from "./support";

async function member() {
  const { partner } = await makePartner();
  return { partner, ctx: { session: await sessionFor((await makeUser("partner_member", partner.id)).id), testMode: false } };
}

const status = async (key: string) => (await call("GET", "/api/v1/merchants", { key })).status;

describe("console API keys", () => {
  it("creates a key with the chosen mode and scopes; only its hash is stored", async () => {
    const { ctx } = await member();
    const { key, apiKey } = await createKeyAction(ctx, { mode: "test", name: "ci", scopes: ["requests:read"] });
    expect(key).toMatch(/^jo_test_/);
    expect(apiKey).toMatchObject({ mode: "test", scopes: ["requests:read"] });
    expect(await status(key)).toBe(403); // merchants:read missing: the key authenticates, the scope does not fit
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(JSON.stringify(row)).not.toContain(key);
  });

  it("revoking is immediate", async () => {
    const { ctx } = await member();
    const { key, apiKey } = await createKeyAction(ctx, { mode: "live" });
    expect(await status(key)).toBe(200);
    await revokeKeyAction(ctx, { keyId: apiKey.id });
    expect(await status(key)).toBe(401);
  });

  it("rolling keeps the old key for the overlap; overlap 0 retires it at once", async () => {
    const { ctx } = await member();
    const first = await createKeyAction(ctx, { mode: "live", scopes: ["merchants:read"] });
    const now = new Date();
    const rolled = await rollKeyAction(ctx, { keyId: first.apiKey.id, overlapDays: 2 }, now);
    expect(rolled.oldKey.expires_at!.getTime()).toBe(now.getTime() + 2 * 86_400_000);
    expect(rolled.apiKey).toMatchObject({ scopes: ["merchants:read"], rolled_from_id: first.apiKey.id });
    expect(await status(first.key)).toBe(200);
    expect(await status(rolled.key)).toBe(200);

    const again = await rollKeyAction(ctx, { keyId: rolled.apiKey.id, overlapDays: 0 });
    expect(await status(rolled.key)).toBe(401);
    expect(await status(again.key)).toBe(200);
    await expect(rollKeyAction(ctx, { keyId: first.apiKey.id, overlapDays: 8 })).rejects.toThrow();
  });
});
