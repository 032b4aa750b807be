// The console journey end to end (issue 8): an admin provisions a partner and invites its first
// user; the user accepts, creates a live key (shown once), registers a webhook endpoint (a real
// local receiver), creates a merchant, sees an API-created request, and redelivers a webhook; the
// admin creates a request on behalf of the merchant and finds the actions in the audit log.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { jopay } from "./support/cli";

interface Hit {
  id: string;
  type: string;
}

async function startReceiver(): Promise<{ url: string; hits: Hit[]; close: () => Promise<void> }> {
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      try {
        hits.push({ id: String(req.headers["webhook-id"]), type: (JSON.parse(body) as { type: string }).type });
      } catch {
        /* not ours */
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("received by e2e");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, hits, close: () => new Promise((r) => server.close(() => r())) };
}

async function signIn(page: Page, path: string, email: string, password: string) {
  await page.goto(path);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const secretOf = (page: Page) => page.getByTestId("secret-value").last().innerText();

test("admin provisions a partner; its user runs the integration from the console", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const receiver = await startReceiver();
  const stamp = Date.now().toString(36);
  const adminEmail = `admin-${stamp}@jopay.test`;
  const adminPassword = "admin password 123";
  jopay("admin:create", "--email", adminEmail, "--password", adminPassword);
  const slug = `con${stamp}`;

  // Admin: provision the partner and invite its first user.
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await signIn(admin, "/admin/sign-in", adminEmail, adminPassword);
  await expect(admin.getByRole("heading", { name: "Partners" })).toBeVisible();
  await admin.getByLabel("Slug").fill(slug);
  await admin.getByLabel("Name", { exact: true }).fill("Console Co");
  await admin.getByLabel("Currency").fill("EUR");
  await admin.getByRole("button", { name: "Provision partner" }).click();
  await expect(admin.getByRole("status")).toContainText(`Partner ${slug} provisioned`);
  await admin.getByRole("link", { name: "Console Co" }).click();
  const userEmail = `owner-${stamp}@partner.test`;
  await admin.getByLabel("Email", { exact: true }).fill(userEmail);
  await admin.getByRole("button", { name: "Create invite link" }).click();
  const inviteUrl = await secretOf(admin);
  expect(inviteUrl).toContain("/partner/invite?token=");

  // Partner user: accept the invite.
  const partnerCtx = await browser.newContext();
  const pp = await partnerCtx.newPage();
  await pp.goto(inviteUrl);
  await pp.getByLabel("Your name").fill("Olive Owner");
  await pp.getByLabel("Password", { exact: true }).fill("partner password 1");
  await pp.getByLabel("Confirm password").fill("partner password 1");
  await pp.getByRole("button", { name: "Create account" }).click();
  await expect(pp.getByRole("heading", { name: "Overview" })).toBeVisible();
  // The link worked once.
  await pp.goto(inviteUrl);
  await expect(pp.getByText("invalid, was already used or has expired")).toBeVisible();

  // A live API key, shown once.
  await pp.goto("/partner/keys");
  await pp.getByLabel("Name").fill("server");
  await pp.locator("select[name=mode]").selectOption("live");
  await pp.getByRole("button", { name: "Create key" }).click();
  const key = await secretOf(pp);
  expect(key).toMatch(/^jo_live_[0-9A-Za-z]{32}$/);
  await pp.reload();
  await expect(pp.getByTestId("api-key-row")).toHaveCount(1);
  expect(await pp.content()).not.toContain(key);

  // A webhook endpoint pointing at the local receiver.
  await pp.goto("/partner/webhooks");
  await pp.getByLabel("Endpoint URL").fill(receiver.url);
  await pp.getByRole("button", { name: "Add endpoint" }).click();
  expect(await secretOf(pp)).toMatch(/^whsec_/);

  // A shell merchant; onboarding completed with the dev CLI (wallet flows are the merchant suite's).
  await pp.goto("/partner/merchants");
  await pp.getByLabel("Business name").fill("Console Cafe");
  await pp.getByRole("button", { name: "Create merchant" }).click();
  const created = await pp.getByRole("status").innerText();
  const merchantId = /Merchant ([0-9a-f-]{36}) created/.exec(created)![1];
  expect(await secretOf(pp)).toContain("/merchant/onboarding?token=");
  const wallet = `0x${(Date.now().toString(16) + "c0".repeat(20)).slice(0, 40)}`;
  jopay("merchant:onboard-dev", "--partner", slug, "--merchant", merchantId, "--wallet", wallet);

  // A request made through the API with the console-made key shows up in the console.
  const apiRes = await request.post("/api/v1/requests/create", {
    headers: { authorization: `Bearer ${key}` },
    data: { merchant_id: merchantId, fiat_amount_int: 2500, metadata: { order_id: `E2E-${stamp}` } },
  });
  expect(apiRes.status()).toBe(201);
  const requestId = ((await apiRes.json()) as { request_id: string }).request_id;
  await pp.goto("/partner/requests");
  await expect(pp.getByRole("link", { name: requestId })).toBeVisible();

  // Cancelling emits request.voided, which the worker delivers to the receiver.
  await pp.getByRole("link", { name: requestId }).click();
  pp.once("dialog", (d) => void d.accept());
  await pp.getByRole("button", { name: "Cancel request" }).click();
  await expect(pp.getByTestId("request-status")).toHaveText("voided");
  await expect.poll(() => receiver.hits.filter((h) => h.type === "request.voided").length, { timeout: 20_000 }).toBe(1);
  await pp.reload();
  await expect(pp.getByTestId("attempt")).toHaveCount(1);

  // Redeliver: the same event id arrives again, and the log shows the second attempt.
  await pp.getByRole("button", { name: "Redeliver" }).first().click();
  await expect(pp.getByRole("status")).toContainText("Queued for redelivery");
  await expect.poll(() => receiver.hits.filter((h) => h.type === "request.voided").length, { timeout: 20_000 }).toBe(2);
  expect(new Set(receiver.hits.filter((h) => h.type === "request.voided").map((h) => h.id)).size).toBe(1);
  await expect.poll(async () => (await pp.reload(), await pp.getByTestId("attempt").count()), { timeout: 20_000 }).toBe(2);
  await pp.goto("/partner/webhooks");
  await expect(pp.getByTestId("delivery-row").first()).toContainText("received by e2e");

  // A partner member cannot open the admin portal.
  await pp.goto("/admin");
  await expect(pp).toHaveURL(/\/admin\/sign-in$|\/partner$/);
  await expect(pp.getByRole("heading", { name: "Partners" })).toHaveCount(0);

  // Admin: a request on behalf of the merchant, then the audit log.
  await admin.goto(`/admin/merchants?q=${merchantId}`);
  await admin.getByLabel("Amount (EUR)").fill("12.50");
  await admin.getByRole("button", { name: "Create request" }).click();
  await expect(admin.getByRole("status")).toContainText("created");
  await admin.goto(`/admin/requests?q=${merchantId}`);
  await expect(admin.getByTestId("request-row").filter({ hasText: "admin" })).toHaveCount(1);
  await admin.goto("/admin/audit");
  const rows = admin.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "partner.provisioned" }).filter({ hasText: slug })).toHaveCount(1);
  await expect(rows.filter({ hasText: "request.created_on_behalf" }).filter({ hasText: merchantId })).toHaveCount(1);
  await expect(rows.filter({ hasText: "api_key.created" }).filter({ hasText: userEmail })).toHaveCount(1);
  await expect(rows.filter({ hasText: "event.redelivered" }).filter({ hasText: userEmail })).toHaveCount(1);
  expect(await admin.content()).not.toContain(key);

  await adminCtx.close();
  await partnerCtx.close();
  await receiver.close();
});
