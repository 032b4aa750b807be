// The authorisation walk over every merchant server action and signed-in page (app/(merchant)/**),
// mirroring test/console/authorization.test.ts: signed out (no cookie, garbage, a console session,
// a stale-wallet session, a merchant still onboarding) everything is refused; merchant A aimed at
// merchant B's objects is refused or stays on A; and nothing of B changes. The lists are checked
// against the real exports and page files, so a new action or page cannot skip the walk. Positive
// controls at the end prove the ids are real and the calls do work for the right merchant.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { PrivateKeyAccount } from "viem/accounts";
import * as actions from "@/app/(merchant)/merchant/actions";
import MerchantHome from "@/app/(merchant)/merchant/page";
import PosScreen from "@/app/(merchant)/merchant/pos/[id]/page";
import ProfilePage from "@/app/(merchant)/merchant/profile/page";
import RequestDetail from "@/app/(merchant)/merchant/requests/[id]/page";
import { db } from "@/lib/db";
import type { Merchant, Partner } from "@/lib/generated/prisma/client";
import { createDashboardRequest } from "@/lib/merchants/dashboard-requests";
import { makeOnboardedMerchant, makePartner } from "../support/fixtures";
import { consoleCookie, cookiePair, merchantCookie } from "../support/sessions";
import { makeUser } from "../console/support";
import { asBrowser, Browser, nextControlFlow } from "./request-scope";
import { freshAccount } from "./siwe-support";

vi.mock("next/headers", async () => (await import("./request-scope")).nextHeaders);

interface Tenant {
  partner: Partner;
  merchant: Merchant;
  wallet: PrivateKeyAccount;
  requestId: string;
  browser: () => Promise<Browser>;
}

async function makeTenant(): Promise<Tenant> {
  const { partner } = await makePartner();
  const wallet = freshAccount();
  const merchant = await makeOnboardedMerchant(partner.id, { wallet: wallet.address.toLowerCase() });
  const request = await createDashboardRequest({ merchant, partner }, { fiat_amount_int: 1500, payment_mode: "pos" });
  return { partner, merchant, wallet, requestId: request.id, browser: async () => new Browser(await merchantCookie(merchant.id, wallet.address)) };
}

let A: Tenant;
let B: Tenant;
/** A wallet-change message prepared in B's session (its nonce is bound to B), signed by the new wallet. */
let bWalletChange: { message: string; signature: string; address: string };

beforeAll(async () => {
  [A, B] = await Promise.all([makeTenant(), makeTenant()]);
  const next = freshAccount();
  const prepared = await asBrowser(await B.browser(), () => actions.prepareWalletChange(next.address, 31337));
  if (!prepared.ok) throw new Error(prepared.error);
  bWalletChange = { message: prepared.message, signature: await next.signMessage({ message: prepared.message }), address: next.address };
});

/** Every row of these merchants' partners that a merchant action could write, as comparable text. */
async function snapshot(tenants: Tenant[]) {
  const p = { partnerId: { in: tenants.map((t) => t.partner.id) } };
  const rows = await Promise.all([
    db.merchant.findMany({ where: p, orderBy: { id: "asc" } }),
    db.paymentRequest.findMany({ where: p, orderBy: { id: "asc" } }),
    db.event.findMany({ where: p, orderBy: { id: "asc" } }),
    db.auditLog.findMany({ where: p, orderBy: { id: "asc" } }),
    db.siweNonce.findMany({ where: { OR: tenants.map((t) => ({ purpose: { contains: t.merchant.id } })) }, orderBy: { nonce: "asc" } }),
  ]);
  return JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

const SIGNED_OUT = { ok: false, error: "Your session has ended. Sign in again." };
const PROFILE = { business_name: "Hijacked", display_name: "", email: "", country: "", phone: "", website: "", instagram: "", industry: "", display_currency: "" };

/** Every action that needs a merchant session, aimed (where it takes anything) at B. */
const sessionActions = (): [string, () => Promise<unknown>][] => [
  ["createPaymentLink", () => actions.createPaymentLink({ amount: "9.99", mode: "pos", merchant_id: B.merchant.id } as never)],
  ["saveProfile", () => actions.saveProfile({ ...PROFILE, merchant_id: B.merchant.id })],
  ["prepareWalletChange", () => actions.prepareWalletChange(freshAccount().address, 31337)],
  ["submitWalletChange", () => actions.submitWalletChange(bWalletChange.message, bWalletChange.signature, bWalletChange.address)],
];

/**
 * Actions that are public by design: they carry their own proof (onboarding token, SIWE signature),
 * or, like the language switcher (chooseLanguage, also on the sign-in page), touch no merchant data.
 */
const PUBLIC_ACTIONS = ["prepareOnboardingSignature", "submitOnboarding", "prepareSignIn", "submitSignIn", "signOut", "chooseLanguage"];

/** Every page behind sign-in, aimed at B's request where it takes an id. */
const pages = (): [string, () => Promise<unknown>][] => [
  ["merchant/page.tsx", () => MerchantHome({ searchParams: Promise.resolve({}) })],
  ["merchant/profile/page.tsx", () => ProfilePage()],
  ["merchant/pos/[id]/page.tsx", () => PosScreen({ params: Promise.resolve({ id: B.requestId }) })],
  ["merchant/requests/[id]/page.tsx", () => RequestDetail({ params: Promise.resolve({ id: B.requestId }) })],
];
const PUBLIC_PAGES = ["merchant/sign-in/page.tsx", "merchant/onboarding/page.tsx"];

function pageFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? pageFiles(p) : name === "page.tsx" ? [p] : [];
  });
}

describe("merchant authorisation walk", () => {
  it("walks every exported action and every page of app/(merchant)", () => {
    const exported = Object.entries(actions).filter(([, v]) => typeof v === "function").map(([k]) => k).sort();
    expect(exported).toEqual([...sessionActions().map(([n]) => n), ...PUBLIC_ACTIONS].sort());
    const root = join(process.cwd(), "app", "(merchant)");
    expect(pageFiles(root).map((f) => relative(root, f)).sort()).toEqual([...pages().map(([n]) => n), ...PUBLIC_PAGES].sort());
  });

  it("refuses every action and page to a signed-out browser, whatever cookie it holds, and changes nothing", async () => {
    const onboarding = await db.merchant.create({ data: { partnerId: A.partner.id, testMode: false, businessName: "Shell" } });
    const consoleUser = await makeUser("partner_member", A.partner.id);
    const browsers: [string, Browser | null][] = [
      ["no cookie", null],
      ["garbage cookie", new Browser(cookiePair("garbage"))],
      ["console session", new Browser(await consoleCookie(consoleUser.id))],
      ["stale wallet", new Browser(await merchantCookie(A.merchant.id, freshAccount().address))],
      ["expired", new Browser(await merchantCookie(A.merchant.id, A.wallet.address, { maxAge: -60 }))],
      ["merchant still onboarding", new Browser(await merchantCookie(onboarding.id, freshAccount().address))],
    ];
    const before = await snapshot([A, B]);
    for (const [who, browser] of browsers) {
      for (const [name, run] of sessionActions()) expect([who, name, await asBrowser(browser, run)]).toEqual([who, name, SIGNED_OUT]);
      for (const [name, run] of pages()) {
        expect([who, name, await asBrowser(browser, () => nextControlFlow(run))]).toEqual([who, name, expect.stringMatching(/^NEXT_REDIRECT;[a-z]+;\/merchant\/sign-in;/)]);
      }
    }
    expect(await snapshot([A, B])).toBe(before);
  });

  it("merchant A cannot reach or change merchant B: B's pages are not found, actions stay on A, B unchanged", async () => {
    const browser = await A.browser();
    const before = await snapshot([B]);

    for (const [name, run] of pages().filter(([n]) => n.includes("[id]"))) {
      expect([name, await asBrowser(browser, () => nextControlFlow(run))]).toEqual([name, "NEXT_HTTP_ERROR_FALLBACK;404"]);
    }
    // B's wallet-change message, submitted from A's session, is refused.
    expect(await asBrowser(browser, () => actions.submitWalletChange(bWalletChange.message, bWalletChange.signature, bWalletChange.address))).toMatchObject({ ok: false });
    // A merchant_id smuggled into the form is ignored: the link and the profile are A's.
    const link = await asBrowser(browser, () => actions.createPaymentLink({ amount: "9.99", mode: "pos", merchant_id: B.merchant.id } as never));
    expect(link).toEqual({ ok: true, requestId: expect.any(String) });
    expect(await db.paymentRequest.findUniqueOrThrow({ where: { id: (link as { requestId: string }).requestId } })).toMatchObject({ merchantId: A.merchant.id, partnerId: A.partner.id });
    expect(await asBrowser(browser, () => actions.saveProfile({ ...PROFILE, business_name: "A renamed", merchant_id: B.merchant.id }))).toEqual({ ok: true });
    expect((await db.merchant.findUniqueOrThrow({ where: { id: A.merchant.id } })).businessName).toBe("A renamed");

    // A's dashboard never lists B's request.
    const { renderToStaticMarkup } = await import("react-dom/server");
    const html = await asBrowser(browser, async () => renderToStaticMarkup((await MerchantHome({ searchParams: Promise.resolve({}) })) as never));
    expect(html).toContain(A.requestId);
    expect(html).not.toContain(B.requestId);

    expect(await snapshot([B])).toBe(before);
  });

  it("signing out ends that session for every copy of its cookie, and only that session", async () => {
    const [browser, phone] = [await A.browser(), await A.browser()];
    const copy = new Browser(browser.header());
    expect(await asBrowser(copy, () => nextControlFlow(() => MerchantHome({ searchParams: Promise.resolve({}) })))).toBeNull();
    expect(await asBrowser(browser, () => nextControlFlow(() => actions.signOut()))).toMatch(/^NEXT_REDIRECT;[a-z]+;\/merchant\/sign-in;/);
    expect(browser.session).toBeNull();
    expect(await asBrowser(copy, () => nextControlFlow(() => MerchantHome({ searchParams: Promise.resolve({}) })))).toMatch(/^NEXT_REDIRECT;[a-z]+;\/merchant\/sign-in;/);
    expect(await asBrowser(phone, () => nextControlFlow(() => MerchantHome({ searchParams: Promise.resolve({}) })))).toBeNull();
  });

  it("positive controls: B's own session reaches B's pages and B's wallet change goes through", async () => {
    const browser = await B.browser();
    for (const [name, run] of pages()) expect([name, await asBrowser(browser, () => nextControlFlow(run))]).toEqual([name, null]);
    expect(await asBrowser(browser, () => actions.submitWalletChange(bWalletChange.message, bWalletChange.signature, bWalletChange.address))).toEqual({ ok: true });
    expect((await db.merchant.findUniqueOrThrow({ where: { id: B.merchant.id } })).walletAddress).toBe(bWalletChange.address.toLowerCase());
    expect(await db.event.count({ where: { merchantId: B.merchant.id, type: "merchant.wallet_changed" } })).toBe(1);
  });
});
