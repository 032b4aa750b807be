// Completing onboarding from an onboarding_url (lib/auth/merchant/onboard.ts) through the real
// Merchants API and database: single-use links, expiry, required fields, terms, wallet conflicts,
// return_url, and what the partner then reads back.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CURRENT_TERMS_VERSION } from "@/lib/merchants/complete-onboarding";
import { issueOnboardingToken, tokenFor } from "@/lib/merchants/onboarding-token";
import { loadOnboardingLink, onboardingPurpose, onboardMerchant, OnboardingError } from "@/lib/auth/merchant/onboard";
import { prepareSiweMessage } from "@/lib/auth/merchant/siwe-message";
import { call } from "../support/call-route";
import { makePartner } from "../support/fixtures";
import { freshAccount } from "./siwe-support";
import type { PrivateKeyAccount } from "viem/accounts";

async function shellMerchant(requiredFields: string[] = []) {
  const { partner, liveKey } = await makePartner({ onboardingRequiredFields: requiredFields });
  const res = await call("POST", "/api/v1/merchants", { key: liveKey, body: { account_type: "business" } });
  expect(res.status).toBe(201);
  const token = new URL(res.body.onboarding_url as string).searchParams.get("token")!;
  return { partner, liveKey, merchantId: res.body.merchant_id as string, token };
}

async function signedFor(token: string, account: PrivateKeyAccount) {
  const link = await loadOnboardingLink(token);
  const purpose = link ? onboardingPurpose(link.token.id) : "onboarding:none";
  const message = await prepareSiweMessage({ address: account.address, chainId: 31337, purpose, statement: "onboard" });
  return { message, signature: await account.signMessage({ message }), connectedAddress: account.address };
}

const accept = { termsAccepted: true, termsVersion: CURRENT_TERMS_VERSION };

async function reason(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OnboardingError);
  return err as OnboardingError;
}

describe("onboarding", () => {
  it("completes with the signed wallet, required fields and terms; the API shows complete", async () => {
    const { liveKey, merchantId, token } = await shellMerchant(["business_name", "email", "country"]);
    const acct = freshAccount();
    const result = await onboardMerchant({
      token,
      ...(await signedFor(token, acct)),
      ...accept,
      fields: { business_name: "Alice's Cafe", email: "alice@cafe.example", country: "nl" },
    });
    expect(result.returnUrl).toBeNull();
    expect(result.merchant).toMatchObject({ walletAddress: acct.address.toLowerCase(), termsVersion: CURRENT_TERMS_VERSION, country: "NL" });
    expect(result.merchant.termsAcceptedAt).toBeInstanceOf(Date);

    const got = await call("GET", `/api/v1/merchants/${merchantId}`, { key: liveKey });
    expect(got.body).toMatchObject({
      onboarding_status: "complete",
      wallet_address: acct.address.toLowerCase(),
      business_name: "Alice's Cafe",
      email: "alice@cafe.example",
      onboarding_url: null,
    });
    const events = await db.event.findMany({ where: { merchantId, type: "merchant.onboarding_completed" } });
    expect(events).toHaveLength(1);
  });

  it("is single-use: the same link cannot complete twice", async () => {
    const { token } = await shellMerchant();
    await onboardMerchant({ token, ...(await signedFor(token, freshAccount())), ...accept, fields: {} });
    expect(await loadOnboardingLink(token)).toBeNull();
    const again = await reason(onboardMerchant({ token, ...(await signedFor(token, freshAccount())), ...accept, fields: {} }));
    expect(again.reason).toBe("invalid_link");
  });

  it("rejects an expired link and a bogus one", async () => {
    const { merchantId } = await shellMerchant();
    const old = await issueOnboardingToken(merchantId, { now: new Date(Date.now() - 8 * 24 * 60 * 60_000) });
    const expired = tokenFor(old.id);
    expect(await loadOnboardingLink(expired)).toBeNull();
    expect((await reason(onboardMerchant({ token: expired, ...(await signedFor(expired, freshAccount())), ...accept, fields: {} }))).reason).toBe("invalid_link");
    expect(await loadOnboardingLink("not-a-token")).toBeNull();
    expect(await loadOnboardingLink(`${old.id}.forged`)).toBeNull();
  });

  it("sends the merchant to the link's return_url", async () => {
    const { liveKey, merchantId } = await shellMerchant();
    const res = await call("POST", `/api/v1/merchants/${merchantId}/onboarding_link`, { key: liveKey, body: { return_url: "https://partner.example/done?x=1" } });
    expect(res.status).toBe(201);
    const token = new URL(res.body.onboarding_url as string).searchParams.get("token")!;
    const result = await onboardMerchant({ token, ...(await signedFor(token, freshAccount())), ...accept, fields: {} });
    expect(result.returnUrl).toBe("https://partner.example/done?x=1");
  });

  it("refuses a wallet already owned by another merchant and leaves the link usable", async () => {
    const first = await shellMerchant();
    const acct = freshAccount();
    await onboardMerchant({ token: first.token, ...(await signedFor(first.token, acct)), ...accept, fields: {} });

    const second = await shellMerchant();
    const err = await reason(onboardMerchant({ token: second.token, ...(await signedFor(second.token, acct)), ...accept, fields: {} }));
    expect(err.reason).toBe("wallet_conflict");
    // The failed completion rolled back: the link still works with another wallet.
    const ok = await onboardMerchant({ token: second.token, ...(await signedFor(second.token, freshAccount())), ...accept, fields: {} });
    expect(ok.merchant.onboardingStatus).toBe("complete");
  });

  it("requires the partner's fields and the current terms, without spending the signature", async () => {
    const { token, merchantId } = await shellMerchant(["business_name", "email"]);
    const signedMsg = await signedFor(token, freshAccount());
    const missing = await reason(onboardMerchant({ token, ...signedMsg, ...accept, fields: { email: "not-an-email" } }));
    expect(missing.reason).toBe("fields");
    expect(Object.keys(missing.fieldErrors).sort()).toEqual(["business_name", "email"]);
    const terms = await reason(onboardMerchant({ token, ...signedMsg, termsAccepted: true, termsVersion: "2020-01-01", fields: { business_name: "B", email: "b@b.example" } }));
    expect(terms.reason).toBe("terms");
    const ok = await onboardMerchant({ token, ...signedMsg, ...accept, fields: { business_name: "B", email: "b@b.example" } });
    expect(ok.merchant.id).toBe(merchantId);
  });

  it("rejects a signature from a wallet other than the connected one", async () => {
    const { token, merchantId } = await shellMerchant();
    const connected = freshAccount();
    const s = await signedFor(token, connected);
    const forged = await freshAccount().signMessage({ message: s.message });
    const err = await reason(onboardMerchant({ token, ...s, signature: forged, ...accept, fields: {} }));
    expect(err.reason).toBe("signature");
    expect((await db.merchant.findUniqueOrThrow({ where: { id: merchantId } })).onboardingStatus).toBe("incomplete");
  });

  it("rejects a nonce issued for another link", async () => {
    const a = await shellMerchant();
    const b = await shellMerchant();
    const acct = freshAccount();
    const forA = await signedFor(a.token, acct);
    const err = await reason(onboardMerchant({ token: b.token, ...forA, ...accept, fields: {} }));
    expect(err.reason).toBe("signature");
  });
});
