// The partner console as an operator uses it (issue 19 parts 4 and 6), on a 390 px phone and a
// 1280 px desk: the live/test toggle keeps the page it is on; the overview charts verified USDC
// volume and payments per day, names the webhook endpoints that fail or were disabled (each linked
// to its own delivery log), and lists merchants stuck in onboarding with a resend that issues a
// fresh link (audited); every console page passes axe (WCAG 2.1 A/AA), does not scroll sideways
// and logs no console error; the overview matches its committed screenshots.
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { jopay } from "./support/cli";
import { checkPage, contextAt, signIn, VIEWPORTS, type Storage } from "./support/page-checks";

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    return (await db.query(text, values)).rows as T[];
  } finally {
    await db.end();
  }
}

interface Setup {
  partnerName: string;
  partnerId: string;
  owner: Storage;
  requestId: string;
  failingUrl: string;
  disabledUrl: string;
  failingId: string;
  stuckId: string;
}
let s: Setup;

async function post(request: APIRequestContext, key: string, path: string, data: Record<string, unknown>) {
  const res = await request.post(path, { headers: auth(key), data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

/** Settled: the heading is there (server-rendered) and the toggle has hydrated. */
const ready = (heading: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
};

test.describe.serial("partner console", () => {
  test.beforeAll(async ({ browser, playwright }) => {
    test.setTimeout(150_000);
    const request = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
    const stamp = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
    // Fixed addresses (each e2e run has a fresh database): they show on the screenshots.
    const adminEmail = "console-admin@jopay.test";
    jopay("admin:create", "--email", adminEmail, "--password", "admin password 123");
    const slug = `pc${stamp}`;
    const partnerName = "Harbour Payments";
    const { id: partnerId } = jopay<{ id: string }>("partner:create", "--slug", slug, "--name", partnerName, "--currency", "EUR");
    const { key } = jopay<{ key: string }>("key:create", "--partner", slug, "--mode", "test");

    // The admin invites the partner's owner, who accepts (the console's own sign-up path).
    const adminCtx = await browser.newContext();
    const admin = await adminCtx.newPage();
    await signIn(admin, "/admin/sign-in", adminEmail, "admin password 123");
    await expect(admin.getByRole("heading", { name: "Partners" })).toBeVisible();
    await admin.goto(`/admin/partners/${partnerId}`);
    await admin.getByLabel("Email", { exact: true }).fill("olive@harbour.test");
    await admin.getByRole("button", { name: "Create invite link" }).click();
    const invite = await admin.getByTestId("secret-value").last().innerText();
    await adminCtx.close();
    const ownerCtx = await browser.newContext();
    const owner = await ownerCtx.newPage();
    await owner.goto(invite);
    await owner.getByLabel("Your name").fill("Olive Owner");
    await owner.getByLabel("Password", { exact: true }).fill("partner password 1");
    await owner.getByLabel("Confirm password").fill("partner password 1");
    await owner.getByRole("button", { name: "Create account" }).click();
    await expect(owner.getByRole("heading", { name: "Overview" })).toBeVisible();
    const ownerStorage = await ownerCtx.storageState();
    await ownerCtx.close();

    // Test mode: an onboarded shop with simulated payments on three days, endpoints that fail.
    const wallet = `0x${randomBytes(20).toString("hex")}`;
    const shop = await post(request, key, "/api/v1/merchants", { business_name: "Quay Coffee", wallet_address: wallet, account_type: "business" });
    jopay("merchant:onboard-dev", "--partner", slug, "--merchant", shop.merchant_id, "--wallet", wallet);
    // Port 9 (discard) is closed here: every delivery to it fails at once.
    const failingUrl = "http://127.0.0.1:9/hooks/orders";
    const disabledUrl = "http://127.0.0.1:9/hooks/legacy";
    const failing = await post(request, key, "/api/v1/webhook_endpoints", { url: failingUrl, description: "Order sync" });
    const disabled = await post(request, key, "/api/v1/webhook_endpoints", { url: disabledUrl, description: "Old integration" });
    await sql(`UPDATE webhook_endpoints SET disabled = true, "disabledReason" = 'manual', "disabledAt" = now() WHERE id = $1`, [disabled.webhook_endpoint_id]);
    const ids: string[] = [];
    for (const [amount, daysAgo] of [[1250, 0], [4800, 0], [900, 3], [15000, 9]] as const) {
      const r = await post(request, key, "/api/v1/requests/create", { merchant_id: shop.merchant_id, fiat_amount_int: amount, memo: `Order ${amount}` });
      await post(request, key, `/api/v1/requests/${r.request_id}/simulate_payment`, { outcome: "paid" });
      await sql(`UPDATE payment_requests SET "proofVerifiedAt" = now() - ($2::int * interval '1 day') WHERE id = $1`, [r.request_id, daysAgo]);
      ids.push(r.request_id);
    }
    // Stuck: invited five days ago, never onboarded; and one invited today (not stuck yet).
    const stuck = await post(request, key, "/api/v1/merchants", { business_name: "Dockside Bakery", email: "bakery@harbour.test" });
    await sql(`UPDATE merchants SET "createdAt" = now() - interval '5 days' WHERE id = $1`, [stuck.merchant_id]);
    await post(request, key, "/api/v1/merchants", { business_name: "New Kiosk", email: "kiosk@harbour.test" });
    await request.dispose();
    s = { partnerName, partnerId, owner: ownerStorage, requestId: ids[0], failingUrl, disabledUrl, failingId: failing.webhook_endpoint_id, stuckId: stuck.merchant_id };
  });

  /** The owner's console in test mode (where the data is), at a viewport. */
  async function console_(browser: Browser, viewport: { width: number; height: number }) {
    const { context, page } = await contextAt(browser, s.owner, viewport);
    await context.addCookies([{ name: "jopay_console_mode", value: "test", url: process.env.E2E_BASE_URL! }]);
    return { context, page };
  }

  test("the toggle keeps the page: list pages with their query; a request's page goes to the list", async ({ browser }) => {
    const { context, page } = await contextAt(browser, s.owner, VIEWPORTS[1][1]);
    await page.goto("/partner/webhooks");
    await expect(page.getByTestId("endpoint-row")).toHaveCount(0); // live mode: the endpoints are test mode's
    await page.getByRole("button", { name: "Switch to test mode" }).click();
    await expect(page.getByRole("button", { name: "Switch to live mode" })).toBeVisible();
    await expect(page).toHaveURL(/\/partner\/webhooks$/);
    await expect(page.getByTestId("endpoint-row")).toHaveCount(2);
    await expect(page.getByText("Test mode: you are viewing test data.")).toBeVisible();

    await page.goto("/partner/merchants?q=quay");
    await expect(page.getByTestId("merchant-row")).toHaveCount(1);
    await page.getByRole("button", { name: "Switch to live mode" }).click();
    await expect(page.getByRole("button", { name: "Switch to test mode" })).toBeVisible();
    await expect(page).toHaveURL(/\/partner\/merchants\?q=quay$/);
    await expect(page.getByTestId("merchant-row")).toHaveCount(0);

    await page.getByRole("button", { name: "Switch to test mode" }).click();
    await expect(page.getByRole("button", { name: "Switch to live mode" })).toBeVisible();
    await page.goto(`/partner/requests/${s.requestId}`);
    // A simulated payment's transaction is labelled as what it is.
    await expect(page.getByTestId("request-tx")).toContainText("Simulated payment — no funds moved");
    await page.getByRole("button", { name: "Switch to live mode" }).click();
    await expect(page.getByRole("button", { name: "Switch to test mode" })).toBeVisible();
    await expect(page).toHaveURL(/\/partner\/requests$/);
    await context.close();
  });

  for (const [name, viewport] of VIEWPORTS) {
    test(`overview on a ${name} (${viewport.width} px): charts, webhook health, stuck merchants; axe, no overflow, screenshot`, async ({ browser }) => {
      const { context, page } = await console_(browser, viewport);
      // The worker's first attempt to the closed port fails within moments of the payments.
      await expect(async () => {
        await page.goto("/partner");
        await expect(page.getByTestId("endpoint-problem").filter({ hasText: s.failingUrl })).toContainText(/[1-9]\d* failed attempt/, { timeout: 1000 });
      }).toPass({ timeout: 30_000 });
      await checkPage(page, "/partner", ready("Overview"));

      await expect(page.getByTestId("count-verified")).toHaveText("4");
      await expect(page.getByTestId("volume-usdc")).toHaveText(/^241\.45\d* USDC$/); // 219.50 EUR × 1.10 plus amount tags
      await expect(page.getByTestId("volume-chart")).toHaveAttribute("aria-label", /^USDC received per day, .* \(UTC\): 241\.45\d* USDC in all$/);
      await expect(page.getByTestId("volume-chart").locator("rect")).toHaveCount(30);
      await expect(page.getByTestId("payments-chart")).toHaveAttribute("aria-label", /: 4 payments in all$/);
      // Today's bar is the tallest in the count chart (2 of the 4), the full height of its axis.
      await expect(page.getByTestId("payments-chart").locator("rect").last()).toHaveAttribute("height", "100");

      const problems = page.getByTestId("endpoint-problem");
      await expect(problems).toHaveCount(2);
      await expect(problems.first()).toContainText(s.disabledUrl);
      await expect(problems.first()).toContainText("Disabled (manual)");
      await expect(problems.nth(1)).toContainText(s.failingUrl);
      await expect(problems.nth(1)).toContainText("Failing since");

      await expect(page.getByTestId("stuck-row")).toHaveCount(1);
      await expect(page.getByTestId("stuck-row")).toContainText("Dockside Bakery");

      await expect(page).toHaveScreenshot(`overview-${name}.png`, {
        fullPage: true,
        // What changes from run to run: amount tags, dates and times, attempt counts.
        mask: [page.getByTestId("volume-usdc"), page.getByTestId("chart-days"), page.getByTestId("endpoint-problem"), page.locator("table")],
      });
      await context.close();
    });
  }

  test("a failing endpoint's link opens its own delivery log; resend issues a fresh link, audited", async ({ browser }) => {
    const { context, page } = await console_(browser, VIEWPORTS[0][1]);
    await page.goto("/partner");
    await page.getByRole("link", { name: s.failingUrl }).click();
    await expect(page).toHaveURL(new RegExp(`/partner/webhooks\\?endpoint=${s.failingId}#endpoint-${s.failingId}$`));
    await expect(page.getByRole("heading", { name: "Delivery log for this endpoint" })).toBeVisible();
    const deliveries = page.getByTestId("delivery-row");
    await expect(deliveries.first()).toBeVisible();
    for (const row of await deliveries.all()) await expect(row).toContainText(s.failingUrl);

    await page.goto("/partner");
    const row = page.getByTestId("stuck-row").filter({ hasText: "Dockside Bakery" });
    await row.getByRole("button", { name: "Resend onboarding link" }).click();
    // No SMTP in this suite: the link is issued and shown to copy.
    await expect(row.getByRole("status")).toContainText("Valid until");
    await expect(row.getByTestId("secret-value")).toContainText("/merchant/onboarding");
    const audit = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'merchant.onboarding_link_emailed' AND "targetId" = $1`, [s.stuckId]);
    expect(audit[0].n).toBe(1);
    await page.reload();
    await expect(page.getByTestId("stuck-row").filter({ hasText: "Dockside Bakery" }).locator("td").nth(2)).not.toHaveText("—");
    await context.close();
  });

  for (const [name, viewport] of VIEWPORTS) {
    test(`every console page on a ${name} (${viewport.width} px): axe, no overflow, no console errors`, async ({ browser }) => {
      test.setTimeout(120_000);
      const { context, page } = await console_(browser, viewport);
      const pages: [string, string | RegExp][] = [
        ["/partner", "Overview"],
        ["/partner/merchants", "Merchants"],
        ["/partner/requests", "Requests"],
        [`/partner/requests/${s.requestId}`, /./],
        ["/partner/keys", "API keys"],
        ["/partner/webhooks", "Webhooks"],
        [`/partner/webhooks?endpoint=${s.failingId}`, "Webhooks"],
        ["/partner/settings", "Branding & policy"],
        ["/partner/team", "Team"],
      ];
      for (const [path, heading] of pages) await checkPage(page, path, ready(heading));
      await context.close();
      // Signed out: the sign-in and invite pages.
      const anon = await browser.newContext({ viewport });
      const p = await anon.newPage();
      await checkPage(p, "/partner/sign-in", ready(/sign.in/i));
      await checkPage(p, "/partner/invite?token=nope", async () => {});
      await anon.close();
    });
  }
});
