// The merchant dashboard and the POS screen as a shopkeeper uses them (issue 19), on a 390 px phone
// and a 1280 px desk: no sideways scrolling (from 320 px up), every payment's state in words,
// totals and the daily chart, search, the request page's timeline, the dashboard in the customer's
// languages (Accept-Language, then the switcher), the POS sale turning from QR to a large
// confirmation with "New sale" and a printable receipt that says "simulated" for a simulation;
// axe-core finds no WCAG 2.1 A/AA violation; screenshots match the committed baselines; and no page
// logs a 404 (favicon) or a console error (hydration).
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { jopay } from "./support/cli";
import { injectWallet } from "./merchant-injected-wallet";
import { axeViolations, DESK, overflow, PHONE, watchProblems } from "./support/page-checks";

const ZONE = "Europe/Lisbon";

interface Shop {
  key: string;
  merchantId: string;
  storage: Awaited<ReturnType<BrowserContext["storageState"]>>;
  ids: Record<string, string>;
}

let shop: Shop;
/** The partner's webhook receiver: answers 200 to everything, so deliveries succeed. */
let receiver: Server;

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function createRequest(request: APIRequestContext, data: Record<string, unknown>) {
  const res = await request.post("/api/v1/requests/create", { headers: auth(shop.key), data: { merchant_id: shop.merchantId, ...data } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).request_id as string;
}

async function simulate(request: APIRequestContext, id: string, outcome: "paid" | "late" | "underpaid") {
  const res = await request.post(`/api/v1/requests/${id}/simulate_payment`, { headers: auth(shop.key), data: { outcome } });
  expect(res.status(), await res.text()).toBe(200);
}

async function sql(text: string, values: unknown[]) {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    await db.query(text, values);
  } finally {
    await db.end();
  }
}

/**
 * A browser signed in as the shop's merchant. With `zoneCookie` it has reported its time zone
 * already (no reload on the first page); without, the dashboard's first visit does that.
 */
async function signedIn(browser: Browser, viewport: { width: number; height: number }, extra: Parameters<Browser["newContext"]>[0] = {}, zoneCookie = true) {
  const session = shop.storage.cookies.filter((c) => !c.name.startsWith("jopay_"));
  const context = await browser.newContext({ storageState: { cookies: session, origins: [] }, viewport, timezoneId: ZONE, locale: "en-US", ...extra });
  if (zoneCookie) await context.addCookies([{ name: "jopay_tz", value: ZONE, url: process.env.E2E_BASE_URL! }]);
  return { context, page: await context.newPage() };
}

/** The dashboard with its times in the browser's zone (reported by an earlier page, or the cookie). */
async function openDashboard(page: Page, path = "/merchant") {
  await page.goto(path);
  await expect(page.getByTestId("time-zone")).toHaveText(/Europe\/Lisbon/);
}

/** What changes from run to run: times, dates, USDC amounts (their amount tags), ids. */
const dashboardMasks = (page: Page): Locator[] => [
  // The time, and what follows it on its line (it moves with the time's width).
  page.getByTestId("row-meta"),
  page.getByTestId("total-usdc"),
  page.getByTestId("chart-days"),
  page.locator('input[type="date"]'),
];

test.describe.serial("merchant dashboard and POS", () => {
  test.beforeAll(async ({ browser, playwright }) => {
    test.setTimeout(120_000);
    const request = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
    const accounts = process.env.E2E_ACCOUNTS!.split(",");
    // An anvil account (it signs the SIWE message), used by no other spec as a merchant wallet.
    const wallet = accounts[8].toLowerCase();
    const slug = `dash${randomBytes(4).toString("hex")}`;
    jopay("partner:create", "--slug", slug, "--name", "Aurora Payments", "--currency", "EUR");
    const { key } = jopay<{ key: string }>("key:create", "--partner", slug, "--mode", "test");
    const created = await request.post("/api/v1/merchants", { headers: auth(key), data: { business_name: "Padaria Aurora", wallet_address: wallet, account_type: "business" } });
    expect(created.status(), await created.text()).toBe(201);
    const merchantId = (await created.json()).merchant_id as string;
    jopay("merchant:onboard-dev", "--partner", slug, "--merchant", merchantId, "--wallet", wallet);
    receiver = createServer((req, res) => req.resume().on("end", () => res.writeHead(200).end("ok")));
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const endpoint = await request.post("/api/v1/webhook_endpoints", {
      headers: auth(key),
      data: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`, events: ["payment.proof_verified"] },
    });
    expect(endpoint.status(), await endpoint.text()).toBe(201);

    // Sign in once with the wallet, as a merchant does; every test reuses the session cookie.
    const context = await browser.newContext();
    const page = await context.newPage();
    await injectWallet(page, process.env.E2E_RPC_URL!, accounts[8]);
    await page.goto("/merchant/sign-in");
    await page.getByRole("button", { name: "Sign in with your wallet" }).click();
    await page.waitForURL(/\/merchant$/);
    shop = { key, merchantId, storage: await context.storageState(), ids: {} };
    await context.close();

    // One request in each state a shopkeeper meets, oldest first.
    const ids = shop.ids;
    ids.expired = await createRequest(request, { fiat_amount_int: 950, memo: "Yesterday's bread" });
    await sql(`UPDATE payment_requests SET "expiresAt" = now() - interval '1 minute', status = 'expired', "expiredAt" = now() WHERE id = $1`, [ids.expired]);
    ids.cancelled = await createRequest(request, { fiat_amount_int: 3000, memo: "Gift card" });
    expect((await request.post(`/api/v1/requests/${ids.cancelled}/cancel`, { headers: auth(key) })).status()).toBe(200);
    ids.underpaid = await createRequest(request, { fiat_amount_int: 1890, memo: "Coffee beans 1 kg" });
    await simulate(request, ids.underpaid, "underpaid");
    ids.late = await createRequest(request, { fiat_amount_int: 4500, memo: "Birthday cake", payment_mode: "invoice", customer_name: "Ana Silva" });
    await simulate(request, ids.late, "late");
    ids.confirming = await createRequest(request, { fiat_amount_int: 720, memo: "Two espressos" });
    const proof = await request.post(`/api/pay/${ids.confirming}/proof`, { data: { tx_hash: `0x${"7e".repeat(32)}` } });
    expect(proof.status()).toBeLessThan(300);
    ids.paid = await createRequest(request, { fiat_amount_int: 1250, memo: "Two croissants" });
    await simulate(request, ids.paid, "paid");
    ids.waiting = await createRequest(request, { fiat_amount_int: 2500, memo: "Table 4" });
    await request.dispose();
  });

  test.afterAll(async () => {
    await new Promise((r) => receiver?.close(r));
  });

  for (const [name, viewport] of [["phone", PHONE], ["desk", DESK]] as const) {
    test(`dashboard on a ${name} (${viewport.width} px): states in words, totals, chart, no overflow, axe, screenshot`, async ({ browser }) => {
      // The phone has not told its time zone yet: its first page is in UTC (and says so) and reports
      // the zone, so the next one is in Lisbon time.
      const { context, page } = await signedIn(browser, viewport, {}, name === "desk");
      const problems = watchProblems(page);
      if (name === "phone") {
        await page.goto("/merchant");
        await expect(page.getByTestId("time-zone")).toHaveText("Times in UTC");
        await expect.poll(async () => (await context.cookies()).find((c) => c.name === "jopay_tz")?.value).toBe(ZONE);
      }
      await openDashboard(page);

      const rows = page.getByTestId("request-row");
      await expect(rows).toHaveCount(7);
      const stateOf = (id: string) => page.locator(`[data-request-id="${id}"]`).getByTestId("payment-state");
      await expect(stateOf(shop.ids.waiting)).toHaveText("Waiting");
      await expect(stateOf(shop.ids.paid)).toHaveText("Paid");
      await expect(stateOf(shop.ids.confirming)).toHaveText("Confirming");
      await expect(stateOf(shop.ids.late)).toHaveText("Paid late");
      await expect(stateOf(shop.ids.underpaid)).toHaveText("Refused: underpaid");
      await expect(stateOf(shop.ids.cancelled)).toHaveText("Cancelled");
      await expect(stateOf(shop.ids.expired)).toHaveText("Expired");
      // Each state reads as its own cell: no "requestedverified" runs.
      await expect(page.locator(`[data-request-id="${shop.ids.paid}"]`)).toContainText("Two croissants");
      await expect(page.locator(`[data-request-id="${shop.ids.paid}"]`).getByTestId("row-amount")).toHaveText("€12.50");
      await expect(page.locator(`[data-request-id="${shop.ids.paid}"]`)).toContainText("simulated");

      // Paid today: 12.50 + 45.00 (late counts: the money arrived). USDC: 57.50 × 1.10 plus two amount tags.
      await expect(page.getByTestId("total-today").getByTestId("total-fiat")).toHaveText("€57.50");
      await expect(page.getByTestId("total-today").getByTestId("total-count")).toHaveText("2 payments");
      await expect(page.getByTestId("total-today").getByTestId("total-usdc")).toHaveText(/^63\.2\d{0,5} USDC$/);
      await expect(page.getByTestId("total-30d").getByTestId("total-fiat")).toHaveText("€57.50");
      await expect(page.getByTestId("sales-chart")).toHaveAttribute("aria-label", /^63\.2\d{0,5} USDC received in the last 30 days; best day/);
      await expect(page.getByTestId("sales-chart").locator("rect")).toHaveCount(30);

      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
      expect(await axeViolations(page)).toEqual([]);
      await expect(page).toHaveScreenshot(`dashboard-${name}.png`, { fullPage: true, mask: dashboardMasks(page) });
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  test("from 320 px up nothing scrolls sideways: dashboard, request page, POS", async ({ browser }) => {
    const { context, page } = await signedIn(browser, { width: 320, height: 640 });
    for (const path of ["/merchant", `/merchant/requests/${shop.ids.late}`, `/merchant/pos/${shop.ids.waiting}`, `/merchant/pos/${shop.ids.paid}`]) {
      await page.goto(path);
      for (const width of [320, 360, 390, 768, 1024, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        expect(await overflow(page), `${path} at ${width}px`).toBeLessThanOrEqual(0);
      }
    }
    await context.close();
  });

  test("search by memo, customer and amount; the state filter", async ({ browser }) => {
    const { context, page } = await signedIn(browser, DESK);
    await openDashboard(page);
    const search = async (q: string, state = "") => {
      await page.getByLabel("Search").fill(q);
      await page.getByLabel("Status").selectOption(state);
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(/\/merchant\?/);
      return page.getByTestId("request-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-request-id")));
    };
    expect(await search("croissant")).toEqual([shop.ids.paid]);
    expect(await search("ana silva")).toEqual([shop.ids.late]);
    expect(await search("45.00")).toEqual([shop.ids.late]);
    expect(await search("18,90")).toEqual([shop.ids.underpaid]);
    expect(await search("", "paid_late")).toEqual([shop.ids.late]);
    expect(await search("", "waiting")).toEqual([shop.ids.waiting]);
    expect(await search("cake", "paid")).toEqual([]);
    await expect(page.getByText("No request matches this search.")).toBeVisible();
    await page.getByRole("link", { name: "Clear" }).click();
    await expect(page.getByTestId("request-row")).toHaveCount(7);
    await context.close();
  });

  test("the request page: timeline from created to webhook, the simulated payment said as such", async ({ browser }) => {
    const { context, page } = await signedIn(browser, PHONE);
    const problems = watchProblems(page);
    await openDashboard(page);
    await page.getByRole("link", { name: "Birthday cake" }).click();
    await expect(page.getByRole("heading", { name: "Birthday cake" })).toBeVisible();
    await expect(page.getByTestId("payment-state")).toHaveText("Paid late");
    await expect(page.getByTestId("detail-transaction")).toContainText("simulated");
    await expect(page.getByTestId("detail-transaction")).toContainText("no transaction exists on any chain");
    await expect(page.getByTestId("explorer-link")).toHaveCount(0);
    // The partner's webhook for the verification is delivered by the worker; the page shows it once it is.
    const kinds = () => page.getByTestId("timeline").locator("li").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
    await expect
      .poll(async () => {
        await page.reload();
        return kinds();
      })
      .toEqual(["created", "proof_attached", "verified", "webhook"]);
    await expect(page.getByTestId("timeline")).toContainText("Simulated payment sent");
    await expect(page.getByTestId("timeline")).toContainText("Aurora Payments notified (payment.proof_verified): delivered");
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await expect(page).toHaveScreenshot("request-page-phone.png", {
      fullPage: true,
      mask: [page.getByTestId("timeline-time"), page.getByTestId("detail-request-id"), page.getByTestId("detail-pay-link"), page.locator("dd").filter({ hasText: /USDC|UTC|WET|WEST|GMT/ })],
    });

    // The refused one explains itself with the pay page's own reasons.
    await page.goto(`/merchant/requests/${shop.ids.underpaid}`);
    await expect(page.getByTestId("timeline")).toContainText("Payment refused: the amount sent was too low");
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const [name, viewport] of [["phone", PHONE], ["desk", DESK]] as const) {
    test(`POS on a ${name}: the QR turns into a large confirmation with New sale and a printable, "simulated" receipt`, async ({ browser, request }) => {
      const { context, page } = await signedIn(browser, viewport);
      const problems = watchProblems(page);
      const id = await createRequest(request, { fiat_amount_int: 1250, memo: `Two croissants (${name})` });
      await page.goto(`/merchant/pos/${id}`);
      await expect(page.getByTestId("pos-amount")).toHaveText("€12.50");
      await expect(page.getByTestId("pos-status")).toHaveText("Waiting for payment");
      const qr = page.getByRole("img", { name: "QR code of the payment link" });
      await expect(qr).toBeVisible();
      expect(await axeViolations(page), "waiting").toEqual([]);

      await simulate(request, id, "paid");
      // Without a reload: the poller sees it, the server renders the paid screen.
      await expect(page.getByTestId("pos-paid")).toBeVisible({ timeout: 20_000 });
      await expect(qr).toHaveCount(0);
      await expect(page.getByTestId("pos-status")).toHaveText("Paid");
      await expect(page.getByTestId("pos-amount")).toHaveText("€12.50");
      await expect(page.getByTestId("pos-paid-at")).toHaveText(/^\d{2}:\d{2}:\d{2}/);
      await expect(page.getByTestId("pos-paid").getByTestId("simulated-note")).toContainText("simulated");
      const receipt = page.getByTestId("pos-receipt");
      await expect(receipt.getByTestId("receipt-tx")).toContainText(/simulated/i);
      await expect(receipt.getByTestId("receipt-tx-hash")).toHaveCount(0);
      await expect(receipt.getByTestId("receipt-request-id")).toHaveText(id);
      await expect(page.getByTestId("new-sale")).toBeVisible();
      await expect(page.getByRole("button", { name: "Print receipt" })).toBeVisible();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page), "paid").toEqual([]);
      const masks = [page.getByTestId("pos-paid-at").locator(".."), page.getByTestId("pos-usdc"), page.getByTestId("receipt-usdc"), page.getByTestId("receipt-time"), page.getByTestId("receipt-request-id")];
      await expect(page).toHaveScreenshot(`pos-paid-${name}.png`, { fullPage: true, mask: masks });

      // On paper only the receipt is left.
      await page.emulateMedia({ media: "print" });
      await expect(page.getByTestId("pos-paid")).toBeHidden();
      await expect(receipt).toBeVisible();
      await expect(page.getByRole("button", { name: "Print receipt" })).toBeHidden();
      await page.emulateMedia({ media: "screen" });

      // New sale: back to the form, ready for the next amount.
      await page.getByTestId("new-sale").click();
      await page.waitForURL(/\/merchant#new-sale$/);
      await expect(page.getByLabel("Amount (EUR)")).toBeFocused();
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  test("in the customer's languages: Accept-Language first, then the switcher, kept on every page", async ({ browser }) => {
    const { context, page } = await signedIn(browser, PHONE, { locale: "es-ES" });
    await openDashboard(page);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { name: "Nuevo enlace de pago" })).toBeVisible();
    await expect(page.locator(`[data-request-id="${shop.ids.paid}"]`).getByTestId("payment-state")).toHaveText("Pagado");
    await expect(page.getByTestId("total-today").getByTestId("total-fiat")).toHaveText(/^\d+,\d{2}\s€$/);
    await page.getByRole("navigation", { name: "Idioma" }).getByRole("button", { name: "Français" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.locator(`[data-request-id="${shop.ids.late}"]`).getByTestId("payment-state")).toHaveText("Payé en retard");
    await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`/merchant/pos/${shop.ids.paid}`);
    await expect(page.getByTestId("pos-status")).toHaveText("Payé");
    await expect(page.getByRole("link", { name: "Nouvelle vente" })).toBeVisible();
    await expect(page.getByTestId("pos-receipt")).toContainText("Reçu");
    await context.close();
  });

  test("icons: /favicon.ico and the app icons answer; sign-in pages log no 404 and no hydration or other console error", async ({ page, request }) => {
    for (const path of ["/favicon.ico", "/icon.svg", "/apple-icon.png"]) {
      const res = await request.get(path);
      expect([path, res.status()]).toEqual([path, 200]);
      expect(res.headers()["content-type"]).toMatch(/^image\//);
    }
    const problems = watchProblems(page);
    for (const path of ["/merchant/sign-in", "/admin/sign-in", "/partner/sign-in", "/partner/invite?token=nope", "/docs"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /\/(favicon\.ico|icon\.svg)/);
      if (path === "/merchant/sign-in") expect(await axeViolations(page), path).toEqual([]);
    }
    expect(problems).toEqual([]);
  });
});
