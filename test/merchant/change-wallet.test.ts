// Payout-wallet change: signed by the new wallet, per-merchant nonce, event in the same tx,
// conflicts refused, and open requests keep the wallet they were created with.
import { describe, expect, it } from "vitest";
import type { PrivateKeyAccount } from "viem/accounts";
import { db } from "@/lib/db";
import { prepareSiweMessage } from "@/lib/auth/merchant/siwe-message";
import { SiweError } from "@/lib/auth/merchant/siwe";
import { changePayoutWallet, walletChangePurpose } from "@/lib/merchants/change-payout-wallet";
import { createDashboardRequest } from "@/lib/merchants/dashboard-requests";
import { makeOnboardedMerchant, makePartner } from "../support/fixtures";
import { freshAccount } from "./siwe-support";

async function signedBy(acct: PrivateKeyAccount, merchantId: string) {
  const message = await prepareSiweMessage({ address: acct.address, chainId: 1, purpose: walletChangePurpose(merchantId), statement: "change" });
  return { message, signature: await acct.signMessage({ message }), connectedAddress: acct.address };
}

describe("changePayoutWallet", () => {
  it("switches to the signing wallet, emits merchant.wallet_changed, and leaves open requests alone", async () => {
    const { partner } = await makePartner();
    const old = freshAccount();
    const merchant = await makeOnboardedMerchant(partner.id, { wallet: old.address.toLowerCase() });
    const open = await createDashboardRequest({ merchant, partner }, { fiat_amount_int: 500 });

    const next = freshAccount();
    const changed = await changePayoutWallet(merchant.id, await signedBy(next, merchant.id));
    expect(changed.walletAddress).toBe(next.address.toLowerCase());
    const events = await db.event.findMany({ where: { merchantId: merchant.id, type: "merchant.wallet_changed" } });
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ data: { wallet_address: next.address.toLowerCase(), previous_wallet_address: old.address.toLowerCase() } });
    expect((await db.paymentRequest.findUniqueOrThrow({ where: { id: open.id } })).receivingWallet).toBe(old.address.toLowerCase());
    const fresh = await createDashboardRequest({ merchant: changed, partner }, { fiat_amount_int: 500 });
    expect(fresh.receivingWallet).toBe(next.address.toLowerCase());
  });

  it("refuses a signature made for another merchant, and a wallet another merchant owns", async () => {
    const { partner } = await makePartner();
    const a = await makeOnboardedMerchant(partner.id);
    const b = await makeOnboardedMerchant(partner.id);
    const next = freshAccount();
    await expect(changePayoutWallet(b.id, await signedBy(next, a.id))).rejects.toBeInstanceOf(SiweError);

    const taken = freshAccount();
    await makeOnboardedMerchant(partner.id, { wallet: taken.address.toLowerCase() });
    await expect(changePayoutWallet(a.id, await signedBy(taken, a.id))).rejects.toMatchObject({ code: "wallet_address_conflict" });
    expect(await db.event.count({ where: { merchantId: a.id, type: "merchant.wallet_changed" } })).toBe(0);
  });
});
