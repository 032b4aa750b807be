// Merchant sessions and what they can reach: the next-auth session cookie, SIWE sign-in, per-merchant
// scoping of the dashboard reads, payment links through createRequest, and the CSV export route.
import { newSessionId } from "@/lib/auth/session/revoked-sessions";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { merchantSessionFromRequest } from "@/lib/auth/merchant/session";
import { NoMerchantForWalletError, SIGN_IN_PURPOSE, signInMerchant } from "@/lib/auth/merchant/sign-in";
import { SiweError } from "@/lib/auth/merchant/siwe";
import { prepareSiweMessage } from "@/lib/auth/merchant/siwe-message";
import { createDashboardRequest, getMerchantRequest, listMerchantRequests } from "@/lib/merchants/dashboard-requests";
import { call } from "../support/call-route";
import { makeOnboardedMerchant, makePartner } from "../support/fixtures";
import { cookiePair, merchantCookie, mintSessionToken, requestWithCookie } from "../support/sessions";
import { tamperTail } from "../support/tamper";
import { freshAccount } from "./siwe-support";
import type { PrivateKeyAccount } from "viem/accounts";

async function signInMessage(acct: PrivateKeyAccount) {
  const message = await prepareSiweMessage({ address: acct.address, chainId: 1, purpose: SIGN_IN_PURPOSE, statement: "Sign in." });
  return { message, signature: await acct.signMessage({ message }), connectedAddress: acct.address };
}

async function onboarded(opts: { accountType?: "consumer" | "business" } = {}) {
  const { partner } = await makePartner();
  const acct = freshAccount();
  const merchant = await makeOnboardedMerchant(partner.id, { wallet: acct.address.toLowerCase(), ...opts });
  return { partner, merchant, acct };
}

const cookieFor = merchantCookie;
const resolve = (cookie: string | null) => merchantSessionFromRequest(requestWithCookie(cookie));

describe("merchant session cookie", () => {
  it("resolves a fresh token, and refuses an expired, tampered or foreign one", async () => {
    const { merchant, acct } = await onboarded();
    expect((await resolve(await cookieFor(merchant.id, acct.address)))?.merchant.id).toBe(merchant.id);
    expect(await resolve(await cookieFor(merchant.id, acct.address, { maxAge: -60 }))).toBeNull();
    expect(await resolve(await cookieFor(merchant.id, acct.address, { secret: "another-installation-secret-0123456789abcdef" }))).toBeNull();
    const token = await mintSessionToken({ kind: "merchant", sub: merchant.id, wallet: acct.address.toLowerCase(), sid: newSessionId() });
    expect(await resolve(cookiePair(token))).not.toBeNull(); // the control for the tampered copy
    expect(await resolve(cookiePair(tamperTail(token)))).toBeNull();
    expect(await resolve(cookiePair("garbage"))).toBeNull();
  });

  it("ends when the merchant's payout wallet is no longer the one that signed in", async () => {
    const { merchant, acct } = await onboarded();
    const cookie = await cookieFor(merchant.id, acct.address);
    expect((await resolve(cookie))?.merchant.id).toBe(merchant.id);
    await db.merchant.update({ where: { id: merchant.id }, data: { walletAddress: freshAccount().address.toLowerCase() } });
    expect(await resolve(cookie)).toBeNull();
  });
});

describe("sign-in with the wallet", () => {
  it("signs in the merchant whose wallet signed; disabled merchants too", async () => {
    const { merchant, acct } = await onboarded();
    await db.merchant.update({ where: { id: merchant.id }, data: { disabled: true } });
    expect((await signInMerchant(await signInMessage(acct))).id).toBe(merchant.id);
  });

  it("refuses a wallet no merchant uses, and a replayed sign-in", async () => {
    await expect(signInMerchant(await signInMessage(freshAccount()))).rejects.toBeInstanceOf(NoMerchantForWalletError);
    const { acct } = await onboarded();
    const s = await signInMessage(acct);
    await signInMerchant(s);
    await expect(signInMerchant(s)).rejects.toBeInstanceOf(SiweError);
  });
});

describe("dashboard scoping", () => {
  it("creates links through createRequest as 'dashboard' and shows only the merchant's own", async () => {
    const a = await onboarded();
    const b = await onboarded();
    const ra = await createDashboardRequest(a, { fiat_amount_int: 1234, payment_mode: "pos", memo: "Coffee" });
    const rb = await createDashboardRequest(b, { fiat_amount_int: 999, payment_mode: "invoice", customer_name: "Jan" });
    expect(ra).toMatchObject({ createdVia: "dashboard", merchantId: a.merchant.id, fiatAmountInt: 1234, fiatCode: "EUR", paymentMode: "pos" });
    expect(rb.customerName).toBe("Jan");

    const listA = await listMerchantRequests(a.merchant);
    expect(listA.requests.map((r) => r.id)).toEqual([ra.id]);
    expect((await listMerchantRequests(a.merchant, { status: "voided" })).requests).toEqual([]);
    expect(await getMerchantRequest(a.merchant, rb.id)).toBeNull();
    expect(await getMerchantRequest(a.merchant, "not-a-uuid")).toBeNull();
    expect((await getMerchantRequest(a.merchant, ra.id))?.request.id).toBe(ra.id);
  });

  it("refuses to create requests for a disabled merchant", async () => {
    const a = await onboarded();
    const disabled = await db.merchant.update({ where: { id: a.merchant.id }, data: { disabled: true } });
    await expect(createDashboardRequest({ ...a, merchant: disabled }, { fiat_amount_int: 100 })).rejects.toMatchObject({ code: "merchant_disabled" });
  });
});

describe("GET /api/merchant/export", () => {
  it("exports the session merchant's requests in the range with exact decimal amounts", async () => {
    const a = await onboarded();
    const b = await onboarded();
    const r = await createDashboardRequest(a, { fiat_amount_int: 2505, memo: '=HYPERLINK("x"), "quoted"' });
    const other = await createDashboardRequest(b, { fiat_amount_int: 700 });
    const today = new Date().toISOString().slice(0, 10);

    const res = await call("GET", `/api/merchant/export?since=${today}&until=${today}`, { headers: { cookie: await cookieFor(a.merchant.id, a.acct.address) } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = res.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("request_id,created_at,status,proof_status,payment_mode,fiat_amount,fiat_code,usdc_amount,memo,customer_name,customer_email,tx_hash,proof_verified_at,late,receiving_wallet,refunded_usdc_amount,refund_tx_hashes");
    expect(lines).toHaveLength(2);
    const usdc = (r.usdcMicro / 1_000_000n).toString() + "." + (r.usdcMicro % 1_000_000n).toString().padStart(6, "0");
    expect(lines[1]).toBe(
      `${r.id},${r.createdAt.toISOString()},requested,none,pos,25.05,EUR,${usdc},"'=HYPERLINK(""x""), ""quoted""",,,,,false,${a.acct.address.toLowerCase()},0.000000,`,
    );
    expect(res.text).not.toContain(other.id);

    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const empty = await call("GET", `/api/merchant/export?since=${yesterday}&until=${yesterday}`, { headers: { cookie: await cookieFor(a.merchant.id, a.acct.address) } });
    expect(empty.text.trimEnd().split("\r\n")).toHaveLength(1);
  });

  it("requires a valid session and valid dates", async () => {
    expect((await call("GET", "/api/merchant/export?since=2026-01-01&until=2026-01-31")).status).toBe(401);
    const a = await onboarded();
    const forged = tamperTail(await cookieFor(a.merchant.id, a.acct.address));
    expect((await call("GET", "/api/merchant/export?since=2026-01-01&until=2026-01-31", { headers: { cookie: forged } })).status).toBe(401);
    const bad = await call("GET", "/api/merchant/export?since=yesterday&until=2026-01-31", { headers: { cookie: await cookieFor(a.merchant.id, a.acct.address) } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: "validation_error", details: [{ field: "since" }] });
  });
});
