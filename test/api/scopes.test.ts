// Every operation of the table (lib/api/operations) refuses a key without its scope (403
// insufficient_scope naming it), admits a key holding only that scope, and a test-mode-only
// operation refuses a live key. Walked from the declarations: a new operation is covered by itself.
import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "@/lib/api-keys/scopes";
import { SCOPES } from "@/lib/api-keys/scopes";
import { makeKey } from "@/test/support/fixtures";
import { keyedOperations, keyFor, makeObjects, modeOf, send, validCall, type Tenant } from "@/test/support/operation-walk";
import { makeTenant } from "./helpers";

let t: Tenant;
beforeAll(async () => {
  t = await makeTenant();
});

describe("scopes, from the operations table", () => {
  it.each(keyedOperations.map((op) => [op.operationId, op] as const))("%s", async (_name, op) => {
    const mode = modeOf(op);
    // Fresh objects per operation: one operation's success (a cancel, a delete) must not decide another's.
    const c = validCall(op, await makeObjects(t, mode, { enabledEndpoint: true }));
    const scope = op.scope as Scope | null;
    const without = await send(c, await makeKey(t.partner.id, mode, SCOPES.filter((s) => s !== scope) as Scope[]));
    if (scope === null) {
      expect(without.status, without.text).toBe(op.successStatus ?? 200);
    } else {
      expect(without.status).toBe(403);
      expect(without.body).toEqual({ ok: false, error: "insufficient_scope", message: expect.any(String), required_scope: scope });
    }
    const only = await send(c, await makeKey(t.partner.id, mode, scope ? [scope] : ["webhooks:read"]));
    expect(only.status, only.text).toBe(op.successStatus ?? 200);
    expect(only.body.ok).toBe(true);
  });

  it.each(keyedOperations.filter((op) => op.testModeOnly).map((op) => [op.operationId, op] as const))("%s refuses a live key holding every scope", async (_name, op) => {
    const c = validCall(op, await makeObjects(t, "live"));
    const res = await send(c, keyFor(t, "live"));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ ok: false, error: "test_mode_only" });
  });

  it("the walk covers every keyed operation, each with a scope or explicitly none", () => {
    expect(keyedOperations.length).toBeGreaterThanOrEqual(21);
    for (const op of keyedOperations) expect(op.scope === null || SCOPES.includes(op.scope as Scope), op.operationId).toBe(true);
  });
});
