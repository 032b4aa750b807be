// Merchant sign-in through next-auth's "siwe" provider at its own endpoint (callback/siwe, with
// next-auth's CSRF token): the SIWE rules hold there (nonce single-use, connected wallet), the
// cookie is a merchant session for the signing wallet, and the one-time grants that onboarding and
// wallet changes use sign in exactly once, only for the merchant's current wallet.
import { SESSION_ID_RE } from "@/lib/auth/session/revoked-sessions";
import { describe, expect, it } from "vitest";
import type { PrivateKeyAccount } from "viem/accounts";
import { merchantSessionFromRequest } from "@/lib/auth/merchant/session";
import { SIGN_IN_PURPOSE } from "@/lib/auth/merchant/sign-in";
import { issueMerchantSessionGrant, redeemMerchantSessionGrant } from "@/lib/auth/session/session-grant";
import { claimsFromRequest } from "@/lib/auth/session/session-token";
import { issueSiweNonce } from "@/lib/auth/merchant/siwe";
import { prepareSiweMessage } from "@/lib/auth/merchant/siwe-message";
import { db } from "@/lib/db";
import { makeOnboardedMerchant, makePartner } from "../support/fixtures";
import { authPost, Jar, requestWithCookie } from "../support/sessions";
import { freshAccount } from "./siwe-support";

async function onboarded() {
  const { partner } = await makePartner();
  const acct = freshAccount();
  const merchant = await makeOnboardedMerchant(partner.id, { wallet: acct.address.toLowerCase() });
  return { merchant, acct };
}

async function signed(acct: PrivateKeyAccount, connected = acct.address) {
  const message = await prepareSiweMessage({ address: acct.address, chainId: 1, purpose: SIGN_IN_PURPOSE, statement: "Sign in." });
  return { message, signature: await acct.signMessage({ message }), address: connected };
}

const merchantOf = (jar: Jar) => merchantSessionFromRequest(requestWithCookie(jar.header()));

describe("POST /api/auth/callback/siwe", () => {
  it("signs the merchant in for the signing wallet; a replayed message gets nothing", async () => {
    const { merchant, acct } = await onboarded();
    const form = await signed(acct);
    const jar = new Jar();
    expect((await authPost(jar, "callback/siwe", form)).status).toBe(302);
    expect(await claimsFromRequest(requestWithCookie(jar.header()))).toEqual({ kind: "merchant", sub: merchant.id, wallet: acct.address.toLowerCase(), sid: expect.stringMatching(SESSION_ID_RE) });
    expect((await merchantOf(jar))?.merchant.id).toBe(merchant.id);

    const replay = new Jar();
    const res = await authPost(replay, "callback/siwe", form);
    expect(res.headers.get("location")).toMatch(/error=CredentialsSignin&code=nonce/);
    expect(replay.session).toBeNull();
  });

  it("refuses a signature from another wallet than the connected one, and wallets no merchant uses", async () => {
    const { acct } = await onboarded();
    const jar = new Jar();
    const other = await authPost(jar, "callback/siwe", await signed(freshAccount(), acct.address));
    expect(other.headers.get("location")).toMatch(/code=address/);
    const stranger = await authPost(jar, "callback/siwe", await signed(freshAccount()));
    expect(stranger.headers.get("location")).toMatch(/code=no_merchant/);
    expect(jar.session).toBeNull();
  });
});

describe("one-time sign-in grants", () => {
  it("sign in once, for the merchant's current wallet only", async () => {
    const { merchant, acct } = await onboarded();
    const grant = await issueMerchantSessionGrant(merchant.id, acct.address);
    const jar = new Jar();
    await authPost(jar, "callback/siwe", { grant });
    expect((await merchantOf(jar))?.merchant.id).toBe(merchant.id);

    const again = new Jar();
    expect((await authPost(again, "callback/siwe", { grant })).headers.get("location")).toMatch(/code=grant/);
    expect(again.session).toBeNull();

    const stale = await issueMerchantSessionGrant(merchant.id, acct.address);
    await db.merchant.update({ where: { id: merchant.id }, data: { walletAddress: freshAccount().address.toLowerCase() } });
    expect(await redeemMerchantSessionGrant(stale)).toBeNull();
  });

  it("expire, and a SIWE nonce is never a grant", async () => {
    const { merchant, acct } = await onboarded();
    const old = new Date(Date.now() - 120_000);
    expect(await redeemMerchantSessionGrant(await issueMerchantSessionGrant(merchant.id, acct.address, old))).toBeNull();
    const { nonce } = await issueSiweNonce(SIGN_IN_PURPOSE);
    expect(await redeemMerchantSessionGrant(nonce)).toBeNull();
    expect(await redeemMerchantSessionGrant("x".repeat(43))).toBeNull();
  });
});
