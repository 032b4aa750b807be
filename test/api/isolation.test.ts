// Tenant and mode isolation, walked over every operation of the table (lib/api/operations): each
// id an operation takes — in its path, its body or its query — is in turn another partner's
// object and then the partner's own object in the other mode. Each must produce a response
// byte-identical to a missing id (the X-Request-Id header aside: a 404, or the 400 a missing
// id of a narrowing body field gets) and change nothing; and no
// response to any call names another tenant's or the other mode's objects.
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_IDS } from "@/lib/api/operations/example-values";
import type { ApiOperation } from "@/lib/api/operations/operation";
import { pathResources, type Resource } from "@/lib/api/operations/path-ids";
import { idList, keyedOperations, keyFor, makeObjects, modeOf, send, validCall, type Ids, type Mode, type Tenant } from "@/test/support/operation-walk";
import { tenantRows } from "@/test/support/tenant-rows";
import { makeTenant } from "./helpers";

let me: Tenant;
let other: Tenant;
const objects = {} as Record<"me" | "other", Record<Mode, Ids>>;

/** Well-formed ids of no object. */
const MISSING: Ids = {
  request: "00000000-0000-7000-8000-000000000001",
  merchant: "00000000-0000-7000-8000-000000000002",
  shellMerchant: "00000000-0000-7000-8000-000000000003",
  webhook_endpoint: "00000000-0000-7000-8000-000000000004",
  event: `evt_${"0".repeat(32)}`,
  paid_request: "00000000-0000-7000-8000-000000000005",
  refund: "00000000-0000-7000-8000-000000000006",
};

beforeAll(async () => {
  me = await makeTenant();
  other = await makeTenant();
  objects.me = { live: await makeObjects(me, "live"), test: await makeObjects(me, "test") };
  objects.other = { live: await makeObjects(other, "live"), test: await makeObjects(other, "test") };
});

type Slot = keyof Ids;

/** The ids an operation's call takes: its path's, and the example ids its body and query name. */
function slots(op: ApiOperation): Slot[] {
  const inPath = pathResources(op.path).map(({ resource }): Slot => (resource === "merchant" ? "shellMerchant" : resource));
  const example = JSON.stringify(op.example ?? {});
  const inExample = (Object.keys(EXAMPLE_IDS) as Resource[]).filter((r) => example.includes(EXAMPLE_IDS[r]));
  return [...new Set<Slot>([...inPath, ...inExample])];
}

const withIds = keyedOperations.filter((op) => slots(op).length > 0);
const withoutIds = keyedOperations.filter((op) => slots(op).length === 0);

const snapshot = async () => ({ other: await tenantRows(other.partner.id), me: await tenantRows(me.partner.id) });

async function probe(op: ApiOperation, slot: Slot, foreign: Ids, name: string) {
  const mode = modeOf(op);
  const mine = objects.me[mode];
  const key = keyFor(me, mode);
  const before = await snapshot();
  const missing = await send(validCall(op, { ...mine, [slot]: MISSING[slot] }), key);
  const res = await send(validCall(op, { ...mine, [slot]: foreign[slot] }), key);
  // A missing object is a 404, or a 400 naming the field when the id is a body field that only
  // narrows the call (redeliver's webhook_endpoint_id); the foreign one must be the same answer.
  expect([404, 400], `${op.operationId} ${slot}: ${missing.text}`).toContain(missing.status);
  if (missing.status === 400) expect(missing.body.error).toBe("validation_error");
  expect(res.text, `${op.operationId} ${slot} ${name}`).toBe(missing.text);
  expect(res.headers.get("x-request-id")).toBeTruthy();
  expect(await snapshot(), `${op.operationId} ${slot} ${name} wrote something`).toEqual(before);
}

describe("isolation walks, from the operations table", () => {
  it("every operation taking an id is walked, each id in turn", () => {
    expect(withIds.map((op) => op.operationId)).toEqual(expect.arrayContaining(["getRequest", "createRequest", "listRequests", "redeliverEvent", "createOnboardingLink"]));
    expect(slots(keyedOperations.find((op) => op.operationId === "redeliverEvent")!)).toEqual(["event", "webhook_endpoint"]);
  });

  it.each(withIds.flatMap((op) => slots(op).map((slot) => [op.operationId, slot, op] as const)))(
    "%s: another partner's %s is indistinguishable from a missing one",
    async (_name, slot, op) => probe(op, slot, objects.other[modeOf(op)], "cross-tenant"),
  );

  it.each(withIds.flatMap((op) => slots(op).map((slot) => [op.operationId, slot, op] as const)))(
    "%s: the partner's own %s in the other mode is indistinguishable from a missing one",
    async (_name, slot, op) => probe(op, slot, objects.me[modeOf(op) === "live" ? "test" : "live"], "cross-mode"),
  );

  it.each(withoutIds.map((op) => [op.operationId, op] as const))("%s answers with none of another tenant's or the other mode's objects", async (_name, op) => {
    const mode = modeOf(op);
    const res = await send(validCall(op, objects.me[mode]), keyFor(me, mode));
    expect(res.status, res.text).toBe(op.successStatus ?? 200);
    const foreign = [...idList(objects.other.live), ...idList(objects.other.test), ...idList(objects.me[mode === "live" ? "test" : "live"])];
    for (const id of foreign) expect(res.text.includes(id), `${op.operationId} names ${id}`).toBe(false);
  });

  it("lists hold the partner's own objects of the key's mode, and those only", async () => {
    const list = async (path: string, field: string, idField: string) =>
      ((await send({ method: "GET", path, body: undefined }, me.testKey)).body[field] as Record<string, string>[]).map((o) => o[idField]).sort();
    const mine = objects.me.test;
    expect(await list("/api/v1/requests?limit=100", "requests", "request_id")).toEqual([mine.request, mine.paid_request].sort());
    expect(await list("/api/v1/webhook_endpoints?limit=100", "webhook_endpoints", "webhook_endpoint_id")).toEqual([mine.webhook_endpoint]);
    expect(await list("/api/v1/merchants?limit=100", "merchants", "merchant_id")).toEqual([me.testMerchant.id, mine.shellMerchant].sort());
  });
});
