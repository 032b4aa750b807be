import { beforeAll, describe, expect, it } from "vitest";
import { call } from "@/test/support/call-route";
import { makeKey } from "@/test/support/fixtures";
import { idemKey, makeTenant } from "./helpers";

let t: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  t = await makeTenant();
});

const create = (body: Record<string, unknown>, key = t.liveKey) => call("POST", "/api/v1/requests/create", { key, body });

describe("POST /api/v1/requests/create", () => {
  it("creates a request with the seed's response shape", async () => {
    const res = await create({
      merchant_id: t.merchant.id,
      fiat_amount_int: 2500,
      memo: "Invoice #INV-2026-0042",
      idempotency_key: "a1b2c3d4e5f67890abcdef1234567890",
      metadata: { order_id: "ORD-12345", customer_id: "CUST-456" },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).toMatchObject({
      ok: true,
      status: "requested",
      proof_status: "none",
      proof_verified_at: null,
      tx_hash: null,
      // seed example corrected: 2500 × 1.10 × 10^4
      amount: { fiat_int: 2500, fiat_code: "EUR", usdc_micro: "27500000" },
      merchant_id: t.merchant.id,
      metadata: { order_id: "ORD-12345", customer_id: "CUST-456" },
      test_mode: false,
      payment_mode: "pos",
      memo: "Invoice #INV-2026-0042",
    });
    expect(res.body.idempotent_replay).toBeUndefined();
    expect(res.body.pay_page_url).toBe(`http://localhost:3000/pay/${res.body.request_id}`);
    const created = Date.parse(res.body.created_at);
    expect(Date.parse(res.body.expires_at) - created).toBe(60 * 60_000);
    expect(res.body.chain.receiving_wallet).toBe(t.merchant.walletAddress);
    expect(res.body.fx).toMatchObject({ usd_per_unit: "1.1", source: "static" });
  });

  it("replays the original unchanged for the same key and merchant", async () => {
    const key = idemKey();
    const first = await create({ merchant_id: t.merchant.id, fiat_amount_int: 1000, idempotency_key: key, metadata: { a: "1" } });
    const again = await create({ merchant_id: t.merchant.id, fiat_amount_int: 9999, idempotency_key: key, metadata: { a: "2" } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    const { idempotent_replay, ...rest } = again.body;
    expect(idempotent_replay).toBe(true);
    expect(rest).toEqual(first.body);
  });
});

// seeds: requests-api "Request body" — each limit on both sides of its boundary.
const s = (n: number, c = "x") => c.repeat(n);
const meta = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
const boundaries: [string, Record<string, unknown>, string | null][] = [
  ["fiat_amount_int 1", { fiat_amount_int: 1 }, null],
  ["fiat_amount_int 0", { fiat_amount_int: 0 }, "fiat_amount_int"],
  ["fiat_amount_int -5", { fiat_amount_int: -5 }, "fiat_amount_int"],
  ["fiat_amount_int 2147483647", { fiat_amount_int: 2_147_483_647 }, null],
  ["fiat_amount_int 2147483648", { fiat_amount_int: 2_147_483_648 }, "fiat_amount_int"],
  ["fiat_amount_int 12.5", { fiat_amount_int: 12.5 }, "fiat_amount_int"],
  ["fiat_amount_int as string", { fiat_amount_int: "2500" }, "fiat_amount_int"],
  ["memo 500", { memo: s(500) }, null],
  ["memo 501", { memo: s(501) }, "memo"],
  ["customer_name 200", { customer_name: s(200) }, null],
  ["customer_name 201", { customer_name: s(201) }, "customer_name"],
  ["customer_email 254", { customer_email: `${s(64)}@${s(63)}.${s(63)}.${s(57)}.com` }, null],
  ["customer_email 255", { customer_email: `${s(64)}@${s(63)}.${s(63)}.${s(58)}.com` }, "customer_email"],
  ["customer_email not an email", { customer_email: "nope" }, "customer_email"],
  ["customer_phone 50", { customer_phone: s(50, "1") }, null],
  ["customer_phone 51", { customer_phone: s(51, "1") }, "customer_phone"],
  ["metadata 20 keys", { metadata: meta(20) }, null],
  ["metadata 21 keys", { metadata: meta(21) }, "metadata"],
  ["metadata key 40 chars", { metadata: { [s(40, "k")]: "v" } }, null],
  ["metadata key 41 chars", { metadata: { [s(41, "k")]: "v" } }, `metadata.${s(41, "k")}`],
  ["metadata value 500 chars", { metadata: { order_id: s(500) } }, null],
  ["metadata value 501 chars", { metadata: { order_id: s(501) } }, "metadata.order_id"],
  ["metadata value not a string", { metadata: { order_id: 42 } }, "metadata.order_id"],
  ["metadata not an object", { metadata: ["a"] }, "metadata"],
  ["payment_mode invoice with customer_name", { payment_mode: "invoice", customer_name: "Jan" }, null],
  ["payment_mode invoice without customer_name", { payment_mode: "invoice" }, "customer_name"],
  ["payment_mode other", { payment_mode: "subscription" }, "payment_mode"],
  ["merchant_id not a uuid", { merchant_id: "abc" }, "merchant_id"],
  ["merchant_id missing", { merchant_id: undefined }, "merchant_id"],
  ["fiat_amount_int missing", { fiat_amount_int: undefined }, "fiat_amount_int"],
  ["expiry_minutes 0", { expiry_minutes: 0 }, "expiry_minutes"],
  ["unknown field", { amount: 5 }, "(body)"],
  ["fiat_currency_code not ISO shaped", { fiat_currency_code: "EURO" }, "fiat_currency_code"],
];

describe("create: field limits on both sides of the boundary", () => {
  it.each(boundaries)("%s", async (_name, patch, failingField) => {
    const body = { merchant_id: t.merchant.id, fiat_amount_int: 100, ...patch };
    const res = await create(body);
    if (failingField === null) {
      expect(res.status, res.text).toBe(201);
      return;
    }
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("validation_error");
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toContain(failingField);
  });

  it("names every failing field at once", async () => {
    const res = await create({ merchant_id: "x", fiat_amount_int: 0, memo: s(501), metadata: { ok: s(501) }, payment_mode: "invoice" });
    expect(res.status).toBe(400);
    const fields = res.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(["customer_name", "fiat_amount_int", "memo", "merchant_id", "metadata.ok"].sort());
  });
});

describe("create: domain errors", () => {
  it("invalid_idempotency_key for keys outside 32–64 base64url/hex", async () => {
    for (const key of [s(31, "a"), s(65, "a"), `${s(31, "a")}+`]) {
      const res = await create({ merchant_id: t.merchant.id, fiat_amount_int: 100, idempotency_key: key });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ ok: false, error: "invalid_idempotency_key", message: expect.any(String) });
    }
    for (const key of [s(32, "a"), s(64, "a")]) {
      expect((await create({ merchant_id: t.merchant.id, fiat_amount_int: 100, idempotency_key: key })).status).toBe(201);
    }
  });

  it("currency_mismatch names the merchant's effective currency; a matching assertion passes", async () => {
    const bad = await create({ merchant_id: t.merchant.id, fiat_amount_int: 100, fiat_currency_code: "USD" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, error: "currency_mismatch", expected_fiat_code: "EUR" });
    expect((await create({ merchant_id: t.merchant.id, fiat_amount_int: 100, fiat_currency_code: "EUR" })).status).toBe(201);
    expect((await create({ merchant_id: t.merchant.id, fiat_amount_int: 100, fiat_currency_code: "eur" })).status).toBe(201);
  });

  it("uses the merchant's display currency over the partner's", async () => {
    const { makeOnboardedMerchant } = await import("@/test/support/fixtures");
    const jpy = await makeOnboardedMerchant(t.partner.id, { displayCurrency: "JPY" });
    const res = await create({ merchant_id: jpy.id, fiat_amount_int: 1000 });
    expect(res.status).toBe(201);
    // ¥1000 at the default static 0.0067
    expect(res.body.amount).toEqual({ fiat_int: 1000, fiat_code: "JPY", usdc_micro: "6700000" });
    const mism = await create({ merchant_id: jpy.id, fiat_amount_int: 1000, fiat_currency_code: "EUR" });
    expect(mism.body).toMatchObject({ error: "currency_mismatch", expected_fiat_code: "JPY" });
  });

  it("expiry_not_allowed lists the allowed values; allowed values and the invoice default apply", async () => {
    const bad = await create({ merchant_id: t.merchant.id, fiat_amount_int: 100, expiry_minutes: 45 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: "expiry_not_allowed", allowed_expiry_minutes: [15, 30, 60, 1440, 10080] });
    const ok = await create({ merchant_id: t.merchant.id, fiat_amount_int: 100, expiry_minutes: 15 });
    expect(Date.parse(ok.body.expires_at) - Date.parse(ok.body.created_at)).toBe(15 * 60_000);
    const inv = await create({ merchant_id: t.merchant.id, fiat_amount_int: 100, payment_mode: "invoice", customer_name: "Jan" });
    expect(inv.body.payment_mode).toBe("invoice");
    expect(inv.body.customer_name).toBe("Jan");
    expect(Date.parse(inv.body.expires_at) - Date.parse(inv.body.created_at)).toBe(10_080 * 60_000);
  });

  it("merchant_onboarding_incomplete and merchant_disabled", async () => {
    const { db } = await import("@/lib/db");
    const shell = await db.merchant.create({ data: { partnerId: t.partner.id, testMode: false } });
    const inc = await create({ merchant_id: shell.id, fiat_amount_int: 100 });
    expect(inc.status).toBe(400);
    expect(inc.body.error).toBe("merchant_onboarding_incomplete");
    const { makeOnboardedMerchant } = await import("@/test/support/fixtures");
    const m = await makeOnboardedMerchant(t.partner.id);
    await db.merchant.update({ where: { id: m.id }, data: { disabled: true, disabledAt: new Date() } });
    const dis = await create({ merchant_id: m.id, fiat_amount_int: 100 });
    expect(dis.status).toBe(400);
    expect(dis.body.error).toBe("merchant_disabled");
  });

  it("another partner's or the other mode's merchant is a 404 identical to a missing one", async () => {
    const other = await makeTenant();
    const missing = await create({ merchant_id: "00000000-0000-7000-8000-000000000000", fiat_amount_int: 100 });
    const foreign = await create({ merchant_id: other.merchant.id, fiat_amount_int: 100 });
    const otherMode = await create({ merchant_id: t.testMerchant.id, fiat_amount_int: 100 });
    expect(missing.status).toBe(404);
    expect(foreign.text).toBe(missing.text);
    expect(otherMode.text).toBe(missing.text);
  });

  it("a test key creates test-mode requests on the test chain", async () => {
    const res = await create({ merchant_id: t.testMerchant.id, fiat_amount_int: 100 }, t.testKey);
    expect(res.status).toBe(201);
    expect(res.body.test_mode).toBe(true);
    expect(res.body.chain).toEqual({ chain_id: 84532, usdc_contract: "0x036cbd53842c5426634e7929541ec2318f3dcf7e", receiving_wallet: t.testMerchant.walletAddress });
  });

  it("requires requests:write", async () => {
    const key = await makeKey(t.partner.id, "live", ["requests:read"]);
    const res = await create({ merchant_id: t.merchant.id, fiat_amount_int: 100 }, key);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: "insufficient_scope", required_scope: "requests:write" });
  });
});

describe("create: idempotency (seeds: scoped to partner, merchant, key)", () => {
  it("the same key on another merchant of the partner creates a new request", async () => {
    const { makeOnboardedMerchant } = await import("@/test/support/fixtures");
    const m2 = await makeOnboardedMerchant(t.partner.id);
    const key = idemKey();
    const a = await create({ merchant_id: t.merchant.id, fiat_amount_int: 100, idempotency_key: key });
    const b = await create({ merchant_id: m2.id, fiat_amount_int: 100, idempotency_key: key });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.request_id).not.toBe(a.body.request_id);
  });

  it("the same key under another partner creates its own request", async () => {
    const other = await makeTenant();
    const key = idemKey();
    const a = await create({ merchant_id: t.merchant.id, fiat_amount_int: 100, idempotency_key: key });
    const b = await create({ merchant_id: other.merchant.id, fiat_amount_int: 100, idempotency_key: key }, other.liveKey);
    expect([a.status, b.status]).toEqual([201, 201]);
  });

  it("without a key every call creates a new request", async () => {
    const a = await create({ merchant_id: t.merchant.id, fiat_amount_int: 777 });
    const b = await create({ merchant_id: t.merchant.id, fiat_amount_int: 777 });
    expect(a.body.request_id).not.toBe(b.body.request_id);
  });

  it("20 concurrent creates with one key: one row, 20 answers naming it", async () => {
    const { db } = await import("@/lib/db");
    const key = idemKey();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => create({ merchant_id: t.merchant.id, fiat_amount_int: 4321, idempotency_key: key })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(19);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const ids = new Set(results.map((r) => r.body.request_id));
    expect(ids.size).toBe(1);
    const strip = (b: Record<string, unknown>) => {
      const { idempotent_replay: _r, ...rest } = b;
      return JSON.stringify(rest);
    };
    expect(new Set(results.map((r) => strip(r.body))).size).toBe(1);
    expect(await db.paymentRequest.count({ where: { partnerId: t.partner.id, idempotencyKey: key } })).toBe(1);
  });
});

describe("create: amount tagging (SPEC §6)", () => {
  it("open requests of one amount to one wallet get distinct usdc_micro; a voided one frees its tag", async () => {
    const { makeOnboardedMerchant } = await import("@/test/support/fixtures");
    const m = await makeOnboardedMerchant(t.partner.id);
    const results = await Promise.all(Array.from({ length: 5 }, () => create({ merchant_id: m.id, fiat_amount_int: 1000 })));
    const amounts = results.map((r) => BigInt(r.body.amount.usdc_micro));
    // The untagged amount goes to one of them; the others get distinct tags under one cent.
    expect(new Set(amounts).size).toBe(5);
    expect(amounts.filter((a) => a === 11_000_000n)).toHaveLength(1);
    for (const a of amounts) expect(a >= 11_000_000n && a <= 11_009_999n).toBe(true);
    const untagged = results.find((r) => r.body.amount.usdc_micro === "11000000")!;
    expect((await call("POST", `/api/v1/requests/${untagged.body.request_id}/cancel`, { key: t.liveKey })).status).toBe(200);
    const next = await create({ merchant_id: m.id, fiat_amount_int: 1000 });
    expect(next.body.amount.usdc_micro).toBe("11000000");
  });
});
