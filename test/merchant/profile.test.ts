// Profile edits through the real saveProfile server action (session from the next-auth cookie):
// the Merchants API's field limits with clear messages and nothing saved on refusal, scoping to the
// signed-in merchant, and the change visible through GET /api/v1/merchants/:id.
import { describe, expect, it, vi } from "vitest";
import { saveProfile } from "@/app/(merchant)/merchant/actions";
import { db } from "@/lib/db";
import type { Merchant } from "@/lib/generated/prisma/client";
import { call } from "../support/call-route";
import { makeOnboardedMerchant, makePartner } from "../support/fixtures";
import { merchantCookie } from "../support/sessions";
import { asBrowser, Browser } from "./request-scope";

vi.mock("next/headers", async () => (await import("./request-scope")).nextHeaders);

const FIELDS = {
  business_name: "Kaffee Klatsch GmbH",
  display_name: "Anna",
  email: "anna@example.test",
  country: "de",
  phone: "+49 30 1234567",
  website: "https://kaffee.example",
  instagram: "@kaffee",
  industry: "Coffee",
  display_currency: "usd",
};

const as = async (m: Merchant) => new Browser(await merchantCookie(m.id, m.walletAddress!));
const save = async (m: Merchant, fields: Record<string, string>) => asBrowser(await as(m), () => saveProfile(fields));

async function setup() {
  const p = await makePartner();
  const merchant = await makeOnboardedMerchant(p.partner.id);
  return { ...p, merchant };
}

describe("saveProfile", () => {
  it("saves business fields and display currency (normalised), and the API's GET shows them", async () => {
    const { merchant, liveKey } = await setup();
    expect(await save(merchant, FIELDS)).toEqual({ ok: true });

    const res = await call("GET", `/api/v1/merchants/${merchant.id}`, { key: liveKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...FIELDS, country: "DE", display_currency: "USD", merchant_id: merchant.id, wallet_address: merchant.walletAddress });

    // An emptied field is cleared, the others stay as sent.
    expect(await save(merchant, { ...FIELDS, instagram: "  ", display_currency: "" })).toEqual({ ok: true });
    const after = await call("GET", `/api/v1/merchants/${merchant.id}`, { key: liveKey });
    expect(after.body).toMatchObject({ instagram: null, display_currency: null, business_name: FIELDS.business_name });
  });

  it("the new display currency prices requests created afterwards", async () => {
    const { merchant } = await setup();
    expect(await save(merchant, { ...FIELDS, display_currency: "GBP" })).toEqual({ ok: true });
    const { createPaymentLink } = await import("@/app/(merchant)/merchant/actions");
    const r = await asBrowser(await as(merchant), () => createPaymentLink({ amount: "10.00", mode: "pos" }));
    expect(r).toMatchObject({ ok: true });
    expect(await db.paymentRequest.findUniqueOrThrow({ where: { id: (r as { requestId: string }).requestId } })).toMatchObject({ fiatCode: "GBP", fiatAmountInt: 1000 });
  });

  const refusals: [string, Record<string, string>, string, RegExp][] = [
    ["business_name over 120", { business_name: "x".repeat(121) }, "business_name", /at most 120 characters/],
    ["display_name over 120", { display_name: "x".repeat(121) }, "display_name", /at most 120 characters/],
    ["industry over 80", { industry: "x".repeat(81) }, "industry", /at most 80 characters/],
    ["phone over 32", { phone: "1".repeat(33) }, "phone", /at most 32 characters/],
    ["website over 200", { website: `https://${"a".repeat(200)}.example` }, "website", /at most 200 characters/],
    ["email not an email", { email: "not-an-email" }, "email", /email address/],
    ["country not ISO 3166", { country: "Germany" }, "country", /two upper-case letters/],
    ["unknown currency", { display_currency: "XYZ" }, "display_currency", /unsupported currency/],
    ["malformed currency", { display_currency: "EURO" }, "display_currency", /ISO 4217/],
  ];

  it.each(refusals)("refuses %s with a clear message and saves nothing", async (_name, change, field, message) => {
    const { merchant } = await setup();
    expect(await save(merchant, FIELDS)).toEqual({ ok: true });
    const before = await db.merchant.findUniqueOrThrow({ where: { id: merchant.id } });

    const r = await save(merchant, { ...FIELDS, business_name: "Changed alongside", ...change });
    expect(r).toMatchObject({ ok: false, error: "Please fix the highlighted fields." });
    const fieldErrors = (r as { fieldErrors: Record<string, string> }).fieldErrors;
    expect(Object.keys(fieldErrors)).toEqual([field]);
    expect(fieldErrors[field]).toMatch(message);
    // The valid fields sent with it were not saved either.
    expect(await db.merchant.findUniqueOrThrow({ where: { id: merchant.id } })).toEqual(before);
  });

  it("changes only the signed-in merchant: extra fields naming another merchant are ignored", async () => {
    const { partner } = await makePartner();
    const a = await makeOnboardedMerchant(partner.id);
    const b = await makeOnboardedMerchant(partner.id);
    const bBefore = await db.merchant.findUniqueOrThrow({ where: { id: b.id } });

    const tampered = { ...FIELDS, business_name: "A's shop", merchant_id: b.id, id: b.id, wallet_address: b.walletAddress!, account_type: "consumer", disabled: "true" };
    expect(await save(a, tampered)).toEqual({ ok: true });
    expect(await db.merchant.findUniqueOrThrow({ where: { id: b.id } })).toEqual(bBefore);
    const aAfter = await db.merchant.findUniqueOrThrow({ where: { id: a.id } });
    expect(aAfter).toMatchObject({ businessName: "A's shop", walletAddress: a.walletAddress, accountType: "business", disabled: false });
  });

  it("refuses without a session, and with a session whose wallet is no longer the payout wallet", async () => {
    const { merchant } = await setup();
    const before = await db.merchant.findUniqueOrThrow({ where: { id: merchant.id } });
    expect(await asBrowser(null, () => saveProfile(FIELDS))).toEqual({ ok: false, error: "Your session has ended. Sign in again." });
    const stale = new Browser(await merchantCookie(merchant.id, `0x${"ab".repeat(20)}`));
    expect(await asBrowser(stale, () => saveProfile(FIELDS))).toEqual({ ok: false, error: "Your session has ended. Sign in again." });
    expect(await db.merchant.findUniqueOrThrow({ where: { id: merchant.id } })).toEqual(before);
  });
});
