// The dashboard page, server-rendered as the signed-in merchant (the real page component, its
// requireMerchant() and next-auth session cookie): consumer vs business surfaces, a disabled
// merchant's read-only view with the create action refused, and the request-list filters.
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createPaymentLink } from "@/app/(merchant)/merchant/actions";
import MerchantHome from "@/app/(merchant)/merchant/page";
import { db } from "@/lib/db";
import type { Merchant } from "@/lib/generated/prisma/client";
import { listMerchantRequests } from "@/lib/merchants/dashboard-requests";
import { makeOnboardedMerchant, makePartner } from "../support/fixtures";
import { insertRequest } from "../support/request-fixtures";
import { merchantCookie } from "../support/sessions";
import { asBrowser, Browser } from "./request-scope";

vi.mock("next/headers", async () => (await import("./request-scope")).nextHeaders);

const browserOf = async (m: Merchant) => new Browser(await merchantCookie(m.id, m.walletAddress!));

async function renderDashboard(m: Merchant, query: Record<string, string> = {}) {
  return asBrowser(await browserOf(m), async () => renderToStaticMarkup(await MerchantHome({ searchParams: Promise.resolve(query) })));
}

/** Request ids linked from the rendered list. */
const listedIds = (html: string) => [...html.matchAll(/href="\/merchant\/requests\/([0-9a-f-]{36})"/g)].map((m) => m[1]).sort();

const chain = { chainId: 31337, usdcContract: `0x${"1".repeat(40)}`, usdcMicro: 27_500_000n };

describe("consumer vs business surface", () => {
  it("a consumer gets the simple 'request money' form: no POS/invoice choice, no filters, no CSV", async () => {
    const { partner } = await makePartner();
    const consumer = await makeOnboardedMerchant(partner.id, { accountType: "consumer" });
    const html = await renderDashboard(consumer);
    expect(html).toContain("Request money");
    expect(html).toContain("What is it for?");
    expect(html).not.toContain('aria-label="Mode"');
    expect(html).not.toMatch(/Point of sale|Invoice \(send a link\)/);
    expect(html).not.toContain("/api/merchant/export");
    expect(html).not.toContain("Download CSV");
    expect(html).not.toContain('name="state"');
    expect(html).not.toContain('name="q"');
    // It asks who is paying: consumer requests are invoice-mode links, which need customer_name.
    expect(html).toMatch(/Who is paying\?<input required="" [^>]*name="customer_name"/);
  });

  it("a consumer's request, as its form sends it, is created as an invoice-mode link", async () => {
    const { partner } = await makePartner();
    const consumer = await makeOnboardedMerchant(partner.id, { accountType: "consumer" });
    const sent = { amount: "7.50", mode: "invoice" as const, memo: "Pizza", customerName: "Jan", customerEmail: "", customerPhone: "" };
    const r = await asBrowser(await browserOf(consumer), () => createPaymentLink(sent));
    expect(r).toEqual({ ok: true, requestId: expect.any(String) });
    const row = await db.paymentRequest.findUniqueOrThrow({ where: { id: (r as { requestId: string }).requestId } });
    expect(row).toMatchObject({ merchantId: consumer.id, paymentMode: "invoice", customerName: "Jan", memo: "Pizza", fiatAmountInt: 750, createdVia: "dashboard" });
    expect(listedIds(await renderDashboard(consumer))).toEqual([row.id]);
  });

  it("a business gets the full one: POS or invoice, status and payment filters, CSV export", async () => {
    const { partner } = await makePartner();
    const business = await makeOnboardedMerchant(partner.id, { accountType: "business" });
    const html = await renderDashboard(business);
    expect(html).toContain("New payment link");
    expect(html).toContain('aria-label="Mode"');
    expect(html).toContain("Point of sale (QR now)");
    expect(html).toContain("Invoice (send a link)");
    expect(html).toContain('action="/api/merchant/export"');
    expect(html).toContain("Download CSV");
    expect(html).toContain('name="q"');
    expect(html).toContain('name="state"');
  });

  it("a signed-out visitor is sent to sign-in, not shown a dashboard", async () => {
    const err = await asBrowser(null, () => MerchantHome({ searchParams: Promise.resolve({}) })).catch((e: unknown) => e);
    expect((err as { digest?: string }).digest).toMatch(/^NEXT_REDIRECT;[a-z]+;\/merchant\/sign-in;/);
  });
});

describe("disabled merchant", () => {
  it("sees its history but cannot create a request: the action refuses with a clear message and nothing is created", async () => {
    const { partner } = await makePartner();
    const m = await makeOnboardedMerchant(partner.id);
    const old = await insertRequest({ partnerId: partner.id, merchantId: m.id, receivingWallet: m.walletAddress!, ...chain });
    const disabled = await db.merchant.update({ where: { id: m.id }, data: { disabled: true } });

    const html = await renderDashboard(disabled);
    expect(listedIds(html)).toEqual([old.id]);
    expect(html).toContain("This account is disabled");
    expect(html).not.toContain("Create link");

    const result = await asBrowser(await browserOf(disabled), () => createPaymentLink({ amount: "12.50", mode: "pos", memo: "after disable" }));
    expect(result).toEqual({ ok: false, error: "This account is disabled: you can see your history, but not create new payment requests." });
    expect(await db.paymentRequest.count({ where: { merchantId: m.id } })).toBe(1);

    // Positive control: re-enabled, the same action creates the link for this merchant.
    const enabled = await db.merchant.update({ where: { id: m.id }, data: { disabled: false } });
    const ok = await asBrowser(await browserOf(enabled), () => createPaymentLink({ amount: "12.50", mode: "pos", memo: "after enable" }));
    expect(ok).toMatchObject({ ok: true });
    expect(await db.paymentRequest.findMany({ where: { merchantId: m.id, memo: "after enable" } })).toHaveLength(1);
  });
});

describe("request list filters", () => {
  let a: Merchant;
  let rows: Record<string, string>;
  let foreign: string[];

  beforeAll(async () => {
    const { partner } = await makePartner();
    a = await makeOnboardedMerchant(partner.id);
    // Another merchant of the same partner, and one of another partner, with the same statuses.
    const sibling = await makeOnboardedMerchant(partner.id);
    const other = await makePartner();
    const stranger = await makeOnboardedMerchant(other.partner.id);
    const mk = (m: Merchant, status: "requested" | "opened" | "expired" | "voided", proofStatus: "none" | "attached" | "verified") =>
      insertRequest({ partnerId: m.partnerId, merchantId: m.id, receivingWallet: m.walletAddress!, status, proofStatus, ...chain }).then((r) => r.id);
    rows = {
      requested: await mk(a, "requested", "none"),
      openedAttached: await mk(a, "opened", "attached"),
      openedVerified: await mk(a, "opened", "verified"),
      expired: await mk(a, "expired", "none"),
      voided: await mk(a, "voided", "none"),
    };
    foreign = [];
    for (const m of [sibling, stranger]) {
      foreign.push(await mk(m, "opened", "verified"), await mk(m, "voided", "none"), await mk(m, "requested", "attached"));
    }
  });

  const cases: [Record<string, string>, string[]][] = [
    [{}, ["requested", "openedAttached", "openedVerified", "expired", "voided"]],
    [{ state: "waiting" }, ["requested"]],
    [{ state: "confirming" }, ["openedAttached"]],
    [{ state: "paid" }, ["openedVerified"]],
    [{ state: "expired" }, ["expired"]],
    [{ state: "cancelled" }, ["voided"]],
    [{ state: "reversed" }, []],
    // The API's raw values are no filter here; unknown values are ignored, not errors: the whole list.
    [{ status: "opened", proof: "verified" }, ["requested", "openedAttached", "openedVerified", "expired", "voided"]],
    [{ state: "bogus", q: "" }, ["requested", "openedAttached", "openedVerified", "expired", "voided"]],
    [{ state: "'; drop table" }, ["requested", "openedAttached", "openedVerified", "expired", "voided"]],
  ];

  it("the rendered list shows exactly the matching rows, and never another merchant's", async () => {
    for (const [query, names] of cases) {
      const html = await renderDashboard(a, query);
      expect([query, listedIds(html)]).toEqual([query, names.map((n) => rows[n]).sort()]);
      for (const id of foreign) expect(html).not.toContain(id);
    }
  });

  it("listMerchantRequests filters by mode too and pages without leaking", async () => {
    const all = await listMerchantRequests(a, { paymentMode: "pos" });
    expect(all.requests.map((r) => r.id).sort()).toEqual(Object.values(rows).sort());
    expect((await listMerchantRequests(a, { paymentMode: "invoice" })).requests).toEqual([]);
    const page1 = await listMerchantRequests(a, { limit: 3 });
    const page2 = await listMerchantRequests(a, { limit: 3, offset: 3 });
    expect(page1.hasMore).toBe(true);
    expect(page2.hasMore).toBe(false);
    expect([...page1.requests, ...page2.requests].map((r) => r.id).sort()).toEqual(Object.values(rows).sort());
  });
});
