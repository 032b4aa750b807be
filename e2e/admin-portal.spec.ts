// The admin portal as a JoPay operator uses it (issue 19 parts 5 and 6), on a 390 px phone and a
// 1280 px desk: a partner's branding edited on its admin page with the console's own form and live
// pay page preview (saved, audited, seen by the partner's pay page data); System health lists the
// FX rates in use (the static table here); search finds partners, merchants and requests by id and
// by id prefix, each under its own partner; every portal page passes axe (WCAG 2.1 A/AA), does not
// scroll sideways and logs no console error; the partner page and health page match their screenshots.
import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { jopay } from "./support/cli";
import { checkPage, contextAt, signIn, VIEWPORTS, type Storage } from "./support/page-checks";

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

interface Setup {
  admin: Storage;
  partners: { id: string; name: string; slug: string }[];
  merchantId: string;
  requestId: string;
}
let s: Setup;

const ready = (heading: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
};

test.describe.serial("admin portal", () => {
  test.beforeAll(async ({ browser, playwright }) => {
    test.setTimeout(120_000);
    const request = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
    const stamp = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
    // A fixed address (each e2e run has a fresh database): it shows on the screenshots.
    const email = "portal-admin@jopay.test";
    jopay("admin:create", "--email", email, "--password", "admin password 123");
    const partners = [];
    for (const name of ["Northwind Pay", "Southwind Pay"]) {
      const slug = `ap${name[0].toLowerCase()}${stamp}`;
      partners.push({ ...jopay<{ id: string }>("partner:create", "--slug", slug, "--name", name, "--currency", "EUR"), name, slug });
    }
    const { key } = jopay<{ key: string }>("key:create", "--partner", partners[1].slug, "--mode", "test");
    const wallet = `0x${randomBytes(20).toString("hex")}`;
    const m = await request.post("/api/v1/merchants", { headers: auth(key), data: { business_name: "Lighthouse Books", wallet_address: wallet, account_type: "business" } });
    expect(m.status(), await m.text()).toBe(201);
    const merchantId = (await m.json()).merchant_id as string;
    jopay("merchant:onboard-dev", "--partner", partners[1].slug, "--merchant", merchantId, "--wallet", wallet);
    const r = await request.post("/api/v1/requests/create", { headers: auth(key), data: { merchant_id: merchantId, fiat_amount_int: 1999, memo: "Atlas" } });
    expect(r.status(), await r.text()).toBe(201);
    const requestId = (await r.json()).request_id as string;
    await request.dispose();

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, "/admin/sign-in", email, "admin password 123");
    await expect(page.getByRole("heading", { name: "Partners" })).toBeVisible();
    s = { admin: await context.storageState(), partners, merchantId, requestId };
    await context.close();
  });

  test("branding on the partner's admin page: the console's form and preview, saved and audited", async ({ browser }) => {
    const { context, page } = await contextAt(browser, s.admin, VIEWPORTS[1][1]);
    const [north] = s.partners;
    await page.goto(`/admin/partners/${north.id}`);
    const preview = page.getByTestId("brand-preview");
    await expect(preview).toContainText(north.name);
    await page.getByLabel("Accent colour").fill("#7c2d12");
    // The preview follows the input before anything is saved.
    await expect(preview.locator("div").first()).toHaveCSS("background-color", "rgb(124, 45, 18)");
    await page.getByLabel("Name", { exact: true }).fill("Northwind Payments");
    await page.getByRole("button", { name: "Update branding" }).click();
    await expect(page.getByRole("status")).toHaveText("Branding saved.");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Northwind Payments");
    await expect(page.getByLabel("Accent colour")).toHaveValue("#7c2d12");

    // The console's validation: a default expiry that is not allowed is refused, nothing saved.
    await page.getByLabel("Default POS expiry (minutes)").fill("7");
    await page.getByRole("button", { name: "Update branding" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "the default expiry must be one of the allowed ones" })).toBeVisible();

    await page.goto(`/admin/audit?partner=${north.id}`);
    await expect(page.getByText("partner.branding_updated").first()).toBeVisible();
    await context.close();
  });

  test("search by whole id and by prefix, each hit under its own partner", async ({ browser }) => {
    const { context, page } = await contextAt(browser, s.admin, VIEWPORTS[0][1]);
    await page.goto("/admin/search");
    await page.getByLabel("Id, id prefix or partner slug").fill(s.requestId);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("search-request")).toHaveCount(1);
    await expect(page.getByTestId("search-request")).toContainText("Southwind Pay");
    await expect(page.getByTestId("search-request")).toContainText("test");

    await page.goto(`/admin/search?q=${s.merchantId.slice(0, 13)}`);
    const hit = page.getByTestId("search-merchant").filter({ hasText: s.merchantId });
    await expect(hit).toContainText("Southwind Pay");
    await hit.getByRole("link", { name: "Lighthouse Books" }).click();
    await expect(page.getByTestId("merchant-row")).toHaveCount(1);
    await expect(page.getByTestId("merchant-row")).toContainText(s.merchantId);

    await page.goto(`/admin/search?q=${s.partners[0].slug}`);
    await expect(page.getByTestId("search-partner")).toHaveCount(1);
    await page.goto("/admin/search?q=zz-nothing-zz");
    await expect(page.getByTestId("search-none")).toBeVisible();
    await context.close();
  });

  for (const [name, viewport] of VIEWPORTS) {
    test(`every portal page on a ${name} (${viewport.width} px): axe, no overflow, no console errors; screenshots`, async ({ browser }) => {
      test.setTimeout(120_000);
      const { context, page } = await contextAt(browser, s.admin, viewport);
      const [north, south] = s.partners;
      const pages: [string, string | RegExp][] = [
        ["/admin", "Partners"],
        [`/admin/partners/${south.id}`, /Southwind Pay/],
        ["/admin/merchants", "Merchants (all partners)"],
        ["/admin/requests", "Requests (all partners)"],
        ["/admin/audit", "Audit log"],
        ["/admin/health", "System health"],
        ["/admin/search", "Search"],
        [`/admin/search?q=${s.merchantId.slice(0, 8)}`, "Search"],
      ];
      for (const [path, heading] of pages) await checkPage(page, path, ready(heading));

      await page.goto("/admin/health");
      // FX rates whatever the source: the static table is listed with its rates.
      await expect(page.getByTestId("fx-source")).toContainText("Static table (FX_STATIC_RATES)");
      await expect(page.getByTestId("fx-rate").filter({ hasText: "EUR" })).toContainText("1.1");

      await page.goto(`/admin/partners/${north.id}`);
      await expect(page.getByTestId("brand-preview")).toBeVisible();
      await expect(page).toHaveScreenshot(`partner-page-${name}.png`, { fullPage: true, mask: [page.getByRole("heading", { level: 1 })] });
      await context.close();

      const anon = await browser.newContext({ viewport });
      await checkPage(await anon.newPage(), "/admin/sign-in", ready(/sign.in/i));
      await anon.close();
    });
  }
});
