// The Idempotency-Key header on creates (lib/api/operations: bodyHeaders): the same thing as the
// body's idempotency_key — same rules, same replay — and a conflict between the two is refused
// before anything is written. Through the real route and database.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { operations } from "@/lib/api/operations";
import { call } from "@/test/support/call-route";
import { tenantRows } from "@/test/support/tenant-rows";
import { idemKey, makeTenant } from "./helpers";

let t: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  t = await makeTenant();
});

const create = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call("POST", "/api/v1/requests/create", { key: t.liveKey, body: { merchant_id: t.merchant.id, fiat_amount_int: 700, ...body }, headers });

describe("Idempotency-Key header on POST /api/v1/requests/create", () => {
  it("is stored as the request's key and replays like the body field", async () => {
    const key = idemKey();
    const first = await create({ memo: "first" }, { "Idempotency-Key": key });
    expect(first.status, first.text).toBe(201);
    const row = await db.paymentRequest.findUniqueOrThrow({ where: { id: first.body.request_id } });
    expect(row.idempotencyKey).toBe(key);

    const again = await create({ memo: "changed", fiat_amount_int: 999 }, { "idempotency-key": key });
    expect(again.status).toBe(200);
    const { idempotent_replay, ...rest } = again.body;
    expect(idempotent_replay).toBe(true);
    expect(rest).toEqual(first.body);

    // The body form of the same key finds the same request, and the other way round.
    const viaBody = await create({ idempotency_key: key });
    expect([viaBody.status, viaBody.body.request_id]).toEqual([200, first.body.request_id]);
  });

  it("a key first sent in the body replays when sent as the header", async () => {
    const key = idemKey();
    const first = await create({ idempotency_key: key });
    const again = await create({}, { "Idempotency-Key": key });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.request_id).toBe(first.body.request_id);
  });

  it("both with the same value is one key; a body null defers to the header", async () => {
    const key = idemKey();
    const both = await create({ idempotency_key: key }, { "Idempotency-Key": key });
    expect(both.status, both.text).toBe(201);
    const withNull = await create({ idempotency_key: null }, { "Idempotency-Key": key });
    expect([withNull.status, withNull.body.request_id]).toEqual([200, both.body.request_id]);
  });

  it("both with different values is 400 validation_error naming the conflict, and writes nothing", async () => {
    const before = await tenantRows(t.partner.id);
    const res = await create({ idempotency_key: idemKey() }, { "Idempotency-Key": idemKey() });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      ok: false,
      error: "validation_error",
      message: expect.stringMatching(/Idempotency-Key header.*idempotency_key/),
      details: [{ field: "idempotency_key", issue: "differs from the Idempotency-Key header" }],
    });
    expect(await tenantRows(t.partner.id)).toEqual(before);
  });

  it("the header meets the body field's rules: invalid_idempotency_key outside 32–64 base64url/hex", async () => {
    for (const bad of ["short", "x".repeat(65), `${"a".repeat(31)}!`, ""]) {
      const res = await create({}, { "Idempotency-Key": bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body).toEqual({ ok: false, error: "invalid_idempotency_key", message: expect.any(String) });
    }
    for (const good of ["a".repeat(32), "A_-9".repeat(16)]) {
      expect((await create({}, { "Idempotency-Key": `${good.slice(0, -4)}${idemKey().slice(0, 4)}` })).status).toBe(201);
    }
  });

  it("the OpenAPI document declares the header on every operation that takes it, and only there", async () => {
    const doc = (await call("GET", "/api/v1/openapi.json")).body as {
      paths: Record<string, Record<string, { parameters: { name: string; in: string; required: boolean; schema: { pattern?: string } }[] }>>;
    };
    const param = doc.paths["/api/v1/requests/create"].post.parameters.find((p) => p.in === "header");
    expect(param).toMatchObject({ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", pattern: "^[A-Za-z0-9_-]{32,64}$" } });
    const declaring = operations.filter((op) => op.bodyHeaders?.length).map((op) => op.operationId);
    expect(declaring.sort()).toEqual(["createRefundRequest", "createRequest"]);
    // Every create whose body has an idempotency_key offers the header.
    const withField = operations.filter((op) => op.body && "shape" in op.body && "idempotency_key" in (op.body as unknown as { shape: object }).shape);
    expect(withField.map((op) => op.operationId).sort()).toEqual(declaring);
  });
});
