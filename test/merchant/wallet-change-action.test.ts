// The payout-wallet change screen's server actions (prepareWalletChange → wallet signs →
// submitWalletChange), run as the signed-in merchant's browser: the new wallet must sign, the
// change emits merchant.wallet_changed, open requests keep their receiving wallet, the browser's
// session moves to the new wallet, and signatures from any other wallet are refused.
import { describe, expect, it, vi } from "vitest";
import type { PrivateKeyAccount } from "viem/accounts";
import { createPaymentLink, prepareWalletChange, submitWalletChange } from "@/app/(merchant)/merchant/actions";
import { merchantSessionFromRequest } from "@/lib/auth/merchant/session";
import { db } from "@/lib/db";
import { makeOnboardedMerchant, makePartner } from "../support/fixtures";
import { merchantCookie, requestWithCookie } from "../support/sessions";
import { asBrowser, Browser } from "./request-scope";
import { freshAccount } from "./siwe-support";

vi.mock("next/headers", async () => (await import("./request-scope")).nextHeaders);

async function signedIn() {
  const { partner } = await makePartner();
  const old = freshAccount();
  const merchant = await makeOnboardedMerchant(partner.id, { wallet: old.address.toLowerCase() });
  const browser = new Browser(await merchantCookie(merchant.id, old.address));
  return { partner, merchant, old, browser };
}

/** What the screen does: ask for the message for the connected wallet, have `signer` sign it, submit. */
async function changeWallet(browser: Browser, connected: string, signer: PrivateKeyAccount) {
  const prepared = await asBrowser(browser, () => prepareWalletChange(connected, 31337));
  if (!prepared.ok) return prepared;
  const signature = await signer.signMessage({ message: prepared.message });
  return asBrowser(browser, () => submitWalletChange(prepared.message, signature, connected));
}

const sessionOf = (browser: Browser) => merchantSessionFromRequest(requestWithCookie(browser.header()));
const walletEvents = (merchantId: string) => db.event.findMany({ where: { merchantId, type: "merchant.wallet_changed" } });

describe("payout-wallet change through the screen's actions", () => {
  it("the new wallet signs: wallet changes, event emitted, open request keeps its wallet, session follows", async () => {
    const { merchant, old, browser } = await signedIn();
    const open = await asBrowser(browser, () => createPaymentLink({ amount: "19.99", mode: "invoice", customerName: "Jan" }));
    expect(open).toEqual({ ok: true, requestId: expect.any(String) });
    const openId = (open as { requestId: string }).requestId;

    const next = freshAccount();
    const prepared = await asBrowser(browser, () => prepareWalletChange(next.address, 31337));
    expect(prepared).toMatchObject({ ok: true });
    const message = (prepared as { message: string }).message;
    expect(message).toContain(next.address); // the message names the NEW wallet
    expect(message).toMatch(/^localhost:3000 wants you to sign in/);

    expect(await asBrowser(browser, () => submitWalletChange(message, "0x", next.address))).toMatchObject({ ok: false }); // junk signature
    const result = await asBrowser(browser, () => prepareWalletChange(next.address, 31337)).then(async (p) => {
      const m = (p as { message: string }).message;
      return asBrowser(browser, async () => submitWalletChange(m, await next.signMessage({ message: m }), next.address));
    });
    expect(result).toEqual({ ok: true });

    const after = await db.merchant.findUniqueOrThrow({ where: { id: merchant.id } });
    expect(after.walletAddress).toBe(next.address.toLowerCase());
    const events = await walletEvents(merchant.id);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ type: "merchant.wallet_changed", data: { merchant_id: merchant.id, wallet_address: next.address.toLowerCase(), previous_wallet_address: old.address.toLowerCase() } });
    expect(await db.auditLog.count({ where: { targetId: merchant.id, action: "merchant.wallet_changed", actorType: "merchant" } })).toBe(1);

    // The open request still pays the wallet it was created with; a new one pays the new wallet.
    expect((await db.paymentRequest.findUniqueOrThrow({ where: { id: openId } })).receivingWallet).toBe(old.address.toLowerCase());
    // The browser was re-signed-in for the new wallet, so it can keep working.
    expect((await sessionOf(browser))?.merchant.walletAddress).toBe(next.address.toLowerCase());
    const fresh = await asBrowser(browser, () => createPaymentLink({ amount: "5.00", mode: "pos" }));
    expect(fresh).toMatchObject({ ok: true });
    expect((await db.paymentRequest.findUniqueOrThrow({ where: { id: (fresh as { requestId: string }).requestId } })).receivingWallet).toBe(next.address.toLowerCase());

    // A session cookie issued for the old wallet no longer counts.
    const oldCookie = new Browser(await merchantCookie(merchant.id, old.address));
    expect(await asBrowser(oldCookie, () => createPaymentLink({ amount: "5.00", mode: "pos" }))).toEqual({ ok: false, error: "Your session has ended. Sign in again." });
  });

  it("refuses a signature from a different wallet than the one connected, and the old wallet signing for the new", async () => {
    const { merchant, old, browser } = await signedIn();
    const next = freshAccount();
    const before = await db.merchant.findUniqueOrThrow({ where: { id: merchant.id } });

    const wrongSigner = await changeWallet(browser, next.address, freshAccount());
    expect(wrongSigner).toMatchObject({ ok: false });
    expect((wrongSigner as { error: string }).error).toMatch(/signature|wallet/i);

    const oldSigns = await changeWallet(browser, next.address, old);
    expect(oldSigns).toMatchObject({ ok: false });

    // Message for the new wallet, signed by it, but submitted as if another wallet were connected.
    const prepared = await asBrowser(browser, () => prepareWalletChange(next.address, 31337));
    const m = (prepared as { message: string }).message;
    const mismatch = await asBrowser(browser, async () => submitWalletChange(m, await next.signMessage({ message: m }), freshAccount().address));
    expect(mismatch).toMatchObject({ ok: false });

    expect(await db.merchant.findUniqueOrThrow({ where: { id: merchant.id } })).toEqual(before);
    expect(await walletEvents(merchant.id)).toHaveLength(0);
    expect((await sessionOf(browser))?.merchant.walletAddress).toBe(old.address.toLowerCase());
  });

  it("refuses a message prepared in another merchant's session, and a signed-out browser", async () => {
    const a = await signedIn();
    const b = await signedIn();
    const next = freshAccount();
    // B's screen prepares the message (its nonce is bound to B); A's session submits it.
    const prepared = await asBrowser(b.browser, () => prepareWalletChange(next.address, 31337));
    const m = (prepared as { message: string }).message;
    const stolen = await asBrowser(a.browser, async () => submitWalletChange(m, await next.signMessage({ message: m }), next.address));
    expect(stolen).toMatchObject({ ok: false });

    expect(await asBrowser(null, () => prepareWalletChange(next.address, 31337))).toEqual({ ok: false, error: "Your session has ended. Sign in again." });
    expect(await asBrowser(null, async () => submitWalletChange(m, await next.signMessage({ message: m }), next.address))).toEqual({ ok: false, error: "Your session has ended. Sign in again." });

    for (const s of [a, b]) {
      expect((await db.merchant.findUniqueOrThrow({ where: { id: s.merchant.id } })).walletAddress).toBe(s.old.address.toLowerCase());
      expect(await walletEvents(s.merchant.id)).toHaveLength(0);
    }
    // The message was not used up by the refusals: B itself can still complete it.
    expect(await asBrowser(b.browser, async () => submitWalletChange(m, await next.signMessage({ message: m }), next.address))).toEqual({ ok: true });
  });
});
