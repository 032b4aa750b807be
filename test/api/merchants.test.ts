import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { completeOnboarding } from "@/lib/merchants/complete-onboarding";
import { verifyOnboardingToken } from "@/lib/merchants/onboarding-token";
import { call } from "@/test/support/call-route";
import { makeKey, randomWallet } from "@/test/support/fixtures";
import { tamperTail } from "@/test/support/tamper";
import { makeTenant } from "./helpers";

let t: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  t = await makeTenant();
});

const create = (body: unknown, key = t.liveKey) => call("POST", "/api/v1/merchants", { key, body });
const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;

describe("POST /api/v1/merchants", () => {
  it("creates a shell merchant with the seed's response shape and a working onboarding_url", async () => {
    const res = await create({
      email: "alice@acmecafe.example",
      display_name: "Alice",
      business_name: "Alice's Cafe",
      country: "NL",
      account_type: "business",
      display_currency: "EUR",
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      ok: true,
      merchant_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: "alice@acmecafe.example",
      display_name: "Alice",
      business_name: "Alice's Cafe",
      country: "NL",
      phone: null,
      website: null,
      instagram: null,
      industry: null,
      account_type: "business",
      onboarding_status: "incomplete",
      wallet_address: null,
      display_currency: "EUR",
      home_portal: t.partner.slug,
      disabled: false,
      created_at: expect.any(String),
      test_mode: false,
      onboarding_url: expect.stringMatching(/^http:\/\/localhost:3000\/merchant\/onboarding\?token=/),
    });
    const verified = await verifyOnboardingToken(tokenOf(res.body.onboarding_url));
    expect(verified?.merchant.id).toBe(res.body.merchant_id);
  });

  it("defaults: every field optional, account_type consumer", async () => {
    const res = await create({});
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ account_type: "consumer", email: null, display_currency: null });
  });

  const s = (n: number, c = "x") => c.repeat(n);
  const limits: [string, Record<string, unknown>, string | null][] = [
    ["email 254", { email: `${s(64)}@${s(63)}.${s(63)}.${s(57)}.com` }, null],
    ["email 255", { email: `${s(64)}@${s(63)}.${s(63)}.${s(58)}.com` }, "email"],
    ["email malformed", { email: "alice" }, "email"],
    ["display_name 120", { display_name: s(120) }, null],
    ["display_name 121", { display_name: s(121) }, "display_name"],
    ["business_name 120", { business_name: s(120) }, null],
    ["business_name 121", { business_name: s(121) }, "business_name"],
    ["country NL", { country: "NL" }, null],
    ["country nl", { country: "nl" }, "country"],
    ["country NLD", { country: "NLD" }, "country"],
    ["phone 32", { phone: s(32, "1") }, null],
    ["phone 33", { phone: s(33, "1") }, "phone"],
    ["website 200", { website: s(200) }, null],
    ["website 201", { website: s(201) }, "website"],
    ["instagram 200", { instagram: s(200) }, null],
    ["instagram 201", { instagram: s(201) }, "instagram"],
    ["industry 80", { industry: s(80) }, null],
    ["industry 81", { industry: s(81) }, "industry"],
    ["display_currency JPY", { display_currency: "JPY" }, null],
    ["display_currency XYZ", { display_currency: "XYZ" }, "display_currency"],
    ["account_type business", { account_type: "business" }, null],
    ["account_type admin", { account_type: "admin" }, "account_type"],
    ["wallet_address 41 hex", { wallet_address: `0x${s(41, "a")}` }, "wallet_address"],
    ["wallet_address no 0x", { wallet_address: s(40, "a") }, "wallet_address"],
    ["wallet_address non-hex", { wallet_address: `0x${s(40, "g")}` }, "wallet_address"],
    ["unknown field", { nickname: "x" }, "(body)"],
  ];
  it.each(limits)("%s", async (_n, body, field) => {
    const res = await create(body);
    if (field === null) {
      expect(res.status, res.text).toBe(201);
      return;
    }
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("validation_error");
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it("lower-cases the wallet and is idempotent on it within partner and mode", async () => {
    const wallet = randomWallet().replace("0x", "0x").toUpperCase().replace("0X", "0x");
    const a = await create({ wallet_address: wallet, business_name: "First" });
    const b = await create({ wallet_address: wallet.toLowerCase(), business_name: "Second" });
    expect(a.status).toBe(201);
    expect(a.body.wallet_address).toBe(wallet.toLowerCase());
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ merchant_id: a.body.merchant_id, business_name: "First", idempotent_replay: true });
  });

  it("409 wallet_address_conflict for another partner's or the other mode's wallet", async () => {
    const wallet = randomWallet();
    expect((await create({ wallet_address: wallet })).status).toBe(201);
    const other = await makeTenant();
    const foreign = await create({ wallet_address: wallet }, other.liveKey);
    expect(foreign.status).toBe(409);
    expect(foreign.body).toEqual({ ok: false, error: "wallet_address_conflict", message: expect.any(String) });
    const otherMode = await create({ wallet_address: wallet }, t.testKey);
    expect(otherMode.status).toBe(409);
    expect(otherMode.text).toBe(foreign.text);
  });

  it("concurrent creates with one wallet: one merchant, the rest replays", async () => {
    const wallet = randomWallet();
    const results = await Promise.all(Array.from({ length: 10 }, () => create({ wallet_address: wallet })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200 && r.body.idempotent_replay === true)).toHaveLength(9);
    expect(new Set(results.map((r) => r.body.merchant_id)).size).toBe(1);
    expect(await db.merchant.count({ where: { walletAddress: wallet } })).toBe(1);
  });

  it("a test key creates test-mode merchants", async () => {
    const res = await create({}, t.testKey);
    expect(res.body.test_mode).toBe(true);
  });

  it("counts against its own 30/min bucket", async () => {
    const p = await makeTenant({ rateLimitPerMinute: undefined, merchantCreateLimitPerMinute: undefined });
    const key = await makeKey(p.partner.id, "live");
    const results = [];
    for (let i = 0; i < 31; i++) results.push(await create({}, key));
    expect(results.slice(0, 30).every((r) => r.status === 201)).toBe(true);
    expect(results[0].headers.get("ratelimit-limit")).toBe("30");
    expect(results[30].status).toBe(429);
    expect(results[30].headers.get("retry-after")).toMatch(/^\d+$/);
    // reads use the default bucket, untouched by creates
    expect((await call("GET", "/api/v1/merchants", { key })).headers.get("ratelimit-limit")).toBe("60");
  });
});

describe("GET /api/v1/merchants/:id and onboarding_url", () => {
  it("returns the same object as create, with the same onboarding_url on every read", async () => {
    const created = await create({ business_name: "Reads" });
    const a = await call("GET", `/api/v1/merchants/${created.body.merchant_id}`, { key: t.liveKey });
    const b = await call("GET", `/api/v1/merchants/${created.body.merchant_id}`, { key: t.liveKey });
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ ...created.body });
    expect(b.body.onboarding_url).toBe(created.body.onboarding_url);
  });

  it("issues a fresh link lazily once the current one is used or expired; null once complete", async () => {
    const created = await create({});
    const id = created.body.merchant_id;
    await db.onboardingToken.updateMany({ where: { merchantId: id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const after = await call("GET", `/api/v1/merchants/${id}`, { key: t.liveKey });
    expect(after.body.onboarding_url).not.toBe(created.body.onboarding_url);
    expect(await verifyOnboardingToken(tokenOf(created.body.onboarding_url))).toBeNull();
    const fresh = await verifyOnboardingToken(tokenOf(after.body.onboarding_url));
    expect(fresh).not.toBeNull();
    await completeOnboarding({ merchantId: id, walletAddress: randomWallet(), onboardingTokenId: fresh!.token.id });
    const done = await call("GET", `/api/v1/merchants/${id}`, { key: t.liveKey });
    expect(done.body).toMatchObject({ onboarding_status: "complete", onboarding_url: null });
    // single use: the consumed token no longer verifies
    expect(await verifyOnboardingToken(tokenOf(after.body.onboarding_url))).toBeNull();
  });

  it("rejects forged and tampered tokens", async () => {
    const created = await create({});
    const token = tokenOf(created.body.onboarding_url);
    const [id, mac] = token.split(".");
    expect(await verifyOnboardingToken(`${id}.${tamperTail(mac)}`)).toBeNull();
    expect(await verifyOnboardingToken(`${id}`)).toBeNull();
    expect(await verifyOnboardingToken("")).toBeNull();
    expect(await verifyOnboardingToken(`00000000-0000-7000-8000-000000000000.${mac}`)).toBeNull();
  });
});

describe("POST /api/v1/merchants/:id/onboarding_link", () => {
  it("returns a fresh single-use URL with 7-day expiry and remembers return_url", async () => {
    const created = await create({});
    const res = await call("POST", `/api/v1/merchants/${created.body.merchant_id}/onboarding_link`, {
      key: t.liveKey,
      body: { return_url: "https://partner.example/back" },
    });
    expect(res.status).toBe(201);
    expect(res.body.onboarding_url).not.toBe(created.body.onboarding_url);
    const ttl = Date.parse(res.body.expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(7 * 86_400_000);
    const v = await verifyOnboardingToken(tokenOf(res.body.onboarding_url));
    expect(v?.token.returnUrl).toBe("https://partner.example/back");
    // reads now show the newest link
    const read = await call("GET", `/api/v1/merchants/${created.body.merchant_id}`, { key: t.liveKey });
    expect(read.body.onboarding_url).toBe(res.body.onboarding_url);
  });

  it("works without a body; rejects a non-http return_url", async () => {
    const created = await create({});
    const ok = await call("POST", `/api/v1/merchants/${created.body.merchant_id}/onboarding_link`, { key: t.liveKey });
    expect(ok.status).toBe(201);
    const bad = await call("POST", `/api/v1/merchants/${created.body.merchant_id}/onboarding_link`, {
      key: t.liveKey,
      body: { return_url: "javascript:alert(1)" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe("return_url");
  });

  it("refuses a merchant that has completed onboarding", async () => {
    const res = await call("POST", `/api/v1/merchants/${t.merchant.id}/onboarding_link`, { key: t.liveKey });
    expect(res.status).toBe(400);
  });
});

describe("GET /api/v1/merchants", () => {
  it("filters by onboarding_status and disabled; paginates with has_more", async () => {
    const p = await makeTenant();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await create({}, p.liveKey)).body.merchant_id);
    await db.merchant.update({ where: { id: ids[0] }, data: { disabled: true } });
    const list = (q: string) => call("GET", `/api/v1/merchants${q}`, { key: p.liveKey });

    const all = await list("");
    // p has its onboarded merchant too: 4 live merchants, newest first
    expect(all.body).toMatchObject({ ok: true, has_more: false, limit: 50, offset: 0 });
    expect(all.body.merchants.map((m: { merchant_id: string }) => m.merchant_id)).toEqual([...ids].reverse().concat(p.merchant.id));
    expect((await list("?onboarding_status=complete")).body.merchants.map((m: { merchant_id: string }) => m.merchant_id)).toEqual([p.merchant.id]);
    expect((await list("?onboarding_status=incomplete")).body.merchants).toHaveLength(3);
    expect((await list("?disabled=true")).body.merchants.map((m: { merchant_id: string }) => m.merchant_id)).toEqual([ids[0]]);
    expect((await list("?disabled=false")).body.merchants).toHaveLength(3);

    const page1 = await list("?limit=3");
    expect(page1.body).toMatchObject({ has_more: true, limit: 3 });
    expect(page1.body.merchants).toHaveLength(3);
    const page2 = await list("?limit=3&offset=3");
    expect(page2.body).toMatchObject({ has_more: false, offset: 3 });
    expect(page2.body.merchants).toHaveLength(1);
    const exact = await list("?limit=4");
    expect(exact.body.has_more).toBe(false);
    expect((await list("?offset=99")).body.merchants).toEqual([]);
    // test mode sees only its own
    const testList = await call("GET", "/api/v1/merchants", { key: p.testKey });
    expect(testList.body.merchants.map((m: { merchant_id: string }) => m.merchant_id)).toEqual([p.testMerchant.id]);
  });

  it.each([["limit=0"], ["limit=101"], ["limit=abc"], ["offset=-1"], ["disabled=yes"], ["onboarding_status=done"]])(
    "rejects %s",
    async (q) => {
      const res = await call("GET", `/api/v1/merchants?${q}`, { key: t.liveKey });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe("validation_error");
      expect(res.body.details[0].field).toBe(q.split("=")[0]);
    },
  );

  it("accepts limit=100", async () => {
    expect((await call("GET", "/api/v1/merchants?limit=100", { key: t.liveKey })).body.limit).toBe(100);
  });
});
