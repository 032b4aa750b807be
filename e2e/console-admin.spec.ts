// Console controls that take effect outside the console (issue 8): a partner's branding reaches
// its pay page; the live/test toggle switches the merchants list; a member invites a teammate who
// can then sign in; the keys list shows when a key was last used; the admin's rate-limit override
// shows in an API response's RateLimit-Limit; and disabling the partner stops its keys (401) and
// its members' sign-in.
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { jopay } from "./support/cli";

async function signIn(page: Page, path: string, email: string, password: string) {
  await page.goto(path);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function acceptInvite(page: Page, url: string, name: string, password: string) {
  await page.goto(url);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

const secretOf = (page: Page) => page.getByTestId("secret-value").last().innerText();
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function createMerchant(request: APIRequestContext, key: string, businessName: string) {
  const wallet = `0x${randomBytes(20).toString("hex")}`;
  const res = await request.post("/api/v1/merchants", { headers: bearer(key), data: { business_name: businessName, wallet_address: wallet } });
  expect([200, 201]).toContain(res.status());
  return { merchantId: ((await res.json()) as { merchant_id: string }).merchant_id, wallet };
}

test("console settings reach the API and the pay page; disabling a partner stops its keys and members", async ({ browser, request }) => {
  test.setTimeout(150_000);
  const stamp = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const adminEmail = `admin-${stamp}@jopay.test`;
  const adminPassword = "admin password 123";
  jopay("admin:create", "--email", adminEmail, "--password", adminPassword);
  const slug = `cad${stamp}`;
  const partnerName = `Control Co ${stamp}`;
  jopay("partner:create", "--slug", slug, "--name", partnerName, "--currency", "EUR");
  const { key: liveKey } = jopay<{ key: string }>("key:create", "--partner", slug, "--mode", "live");
  const { key: testKey } = jopay<{ key: string }>("key:create", "--partner", slug, "--mode", "test");

  // One merchant per mode, made through the API with that mode's key.
  const live = await createMerchant(request, liveKey, `Live Shop ${stamp}`);
  await createMerchant(request, testKey, `Test Shop ${stamp}`);

  // Admin invites the partner's first user, who accepts.
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await signIn(admin, "/admin/sign-in", adminEmail, adminPassword);
  await expect(admin.getByRole("heading", { name: "Partners" })).toBeVisible();
  await admin.getByRole("link", { name: partnerName }).click();
  await expect(admin.getByRole("heading", { name: partnerName })).toBeVisible();
  const partnerUrl = admin.url();
  await admin.getByLabel("Email", { exact: true }).fill(`owner-${stamp}@partner.test`);
  await admin.getByRole("button", { name: "Create invite link" }).click();
  const ownerInvite = await secretOf(admin);

  const ownerCtx = await browser.newContext();
  const owner = await ownerCtx.newPage();
  await acceptInvite(owner, ownerInvite, "Olga Owner", "owner password 12");

  // Live/test toggle: the merchants list shows only the chosen mode's merchants.
  await owner.goto("/partner/merchants");
  const rows = owner.getByTestId("merchant-row");
  await expect(rows.filter({ hasText: `Live Shop ${stamp}` })).toHaveCount(1);
  await expect(rows.filter({ hasText: `Test Shop ${stamp}` })).toHaveCount(0);
  // The toggle lands on the overview (the nav sends no return path), so go back to the list.
  await owner.getByRole("button", { name: "Switch to test mode" }).click();
  await expect(owner.getByText("Test mode: you are viewing test data.")).toBeVisible();
  await owner.goto("/partner/merchants");
  await expect(owner.getByText("Test mode: you are viewing test data.")).toBeVisible();
  await expect(rows.filter({ hasText: `Test Shop ${stamp}` })).toHaveCount(1);
  await expect(rows.filter({ hasText: `Live Shop ${stamp}` })).toHaveCount(0);
  await owner.getByRole("button", { name: "Switch to live mode" }).click();
  await expect(owner.getByRole("button", { name: "Switch to test mode" })).toBeVisible();
  await owner.goto("/partner/merchants");
  await expect(owner.getByText("Test mode: you are viewing test data.")).toHaveCount(0);
  await expect(rows.filter({ hasText: `Live Shop ${stamp}` })).toHaveCount(1);
  await expect(rows.filter({ hasText: `Test Shop ${stamp}` })).toHaveCount(0);

  // Keys list: the live key was used above (merchant create), so its "Last used" is a time, not "—".
  await owner.goto("/partner/keys");
  const lastUsed = owner.getByTestId("api-key-row").first().locator("td").nth(4);
  await expect.poll(async () => (await owner.reload(), (await lastUsed.innerText()).trim()), { timeout: 15_000 }).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);

  // Team: the owner invites a teammate, who accepts and later signs in with a password.
  await owner.goto("/partner/team");
  const mateEmail = `mate-${stamp}@partner.test`;
  await owner.getByLabel("Email").fill(mateEmail);
  await owner.getByRole("button", { name: "Create invite link" }).click();
  const mateInvite = await secretOf(owner);
  expect(mateInvite).toContain("/partner/invite?token=");
  await owner.reload();
  await expect(owner.getByRole("row").filter({ hasText: mateEmail })).toHaveCount(1); // open invite
  const mateCtx = await browser.newContext();
  const mate = await mateCtx.newPage();
  await acceptInvite(mate, mateInvite, "Mo Mate", "mate password 123");
  await expect(mate.getByRole("banner")).toContainText(partnerName);
  await owner.reload();
  await expect(owner.getByRole("row").filter({ hasText: mateEmail }).filter({ hasText: "active" })).toHaveCount(1);

  // Branding: a new name and accent colour show on the partner's pay page.
  await owner.goto("/partner/settings");
  const newName = `Rebranded ${stamp}`;
  await owner.getByLabel("Name", { exact: true }).fill(newName);
  await owner.getByLabel("Accent colour").fill("#123456");
  await owner.getByRole("button", { name: "Save" }).click();
  await expect(owner.getByRole("status")).toContainText("Saved.");
  jopay("merchant:onboard-dev", "--partner", slug, "--merchant", live.merchantId, "--wallet", live.wallet);
  const created = await request.post("/api/v1/requests/create", { headers: bearer(liveKey), data: { merchant_id: live.merchantId, fiat_amount_int: 2500 } });
  expect(created.status()).toBe(201);
  const payPath = new URL(((await created.json()) as { pay_page_url: string }).pay_page_url).pathname;
  const payCtx = await browser.newContext();
  const pay = await payCtx.newPage();
  await pay.goto(payPath);
  await expect(pay.getByTestId("partner-name")).toHaveText(newName);
  await expect(pay.getByRole("banner")).toHaveCSS("background-color", "rgb(18, 52, 86)");
  await payCtx.close();

  // Rate-limit override: the default first, then the admin's 7 per minute in RateLimit-Limit.
  const list = () => request.get("/api/v1/requests", { headers: bearer(liveKey) });
  expect((await list()).headers()["ratelimit-limit"]).toBe("60");
  await admin.goto(partnerUrl);
  await admin.getByLabel(/^Rate limit \/ min/).fill("7");
  await admin.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByRole("status")).toContainText("Saved.");
  const limited = await list();
  expect(limited.status()).toBe(200);
  expect(limited.headers()["ratelimit-limit"]).toBe("7");

  // Positive control for sign-in: the teammate signs in with the password set at the invite.
  await mateCtx.clearCookies();
  await signIn(mate, "/partner/sign-in", mateEmail, "mate password 123");
  await expect(mate.getByRole("heading", { name: "Overview" })).toBeVisible();
  await mateCtx.clearCookies();

  // Disable the partner: both keys get 401, the owner's open session ends, the teammate cannot sign in.
  await admin.reload();
  await expect(admin.getByLabel(/^Rate limit \/ min/)).toHaveValue("7");
  await admin.getByLabel("Disabled").check();
  await admin.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByRole("status")).toContainText("Saved.");
  expect((await list()).status()).toBe(401);
  expect((await request.get("/api/v1/requests", { headers: bearer(testKey) })).status()).toBe(401);
  await owner.goto("/partner/merchants");
  await expect(owner).toHaveURL(/\/partner\/sign-in/);
  await signIn(mate, "/partner/sign-in", mateEmail, "mate password 123");
  await expect(mate.locator("form").getByRole("alert")).toBeVisible(); // the form's error, not Next's route announcer
  await expect(mate).toHaveURL(/\/partner\/sign-in/);
  await expect(mate.getByRole("heading", { name: "Overview" })).toHaveCount(0);

  await adminCtx.close();
  await ownerCtx.close();
  await mateCtx.close();
});
