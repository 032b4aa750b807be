// The production build serves pages and the API against a real database: a partner provisioned
// with the CLI can create a merchant and a request through the API, and the pay page renders it.
import { expect, test } from "@playwright/test";
import { jopay } from "./support/cli";

test("home and docs render", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "JoPay" })).toBeVisible();
  await page.getByRole("link", { name: "Developer docs" }).click();
  await expect(page).toHaveURL(/\/docs$/);
});

test("CLI-provisioned partner key works against the real server", async ({ request }) => {
  const slug = `e2e${Date.now().toString(36)}`;
  jopay("partner:create", "--slug", slug, "--name", "E2E Partner", "--currency", "EUR");
  const { key } = jopay<{ key: string }>("key:create", "--partner", slug, "--mode", "live");
  expect(key).toMatch(/^jo_live_[0-9A-Za-z]{32}$/);

  const wallet = `0x${Date.now().toString(16).padStart(40, "0")}`;
  const merchant = await request.post("/api/v1/merchants", {
    headers: { authorization: `Bearer ${key}` },
    data: { business_name: "E2E Shop", wallet_address: wallet },
  });
  expect(merchant.status()).toBe(201);
  const merchantBody = await merchant.json();
  expect(merchantBody).toMatchObject({ ok: true, onboarding_status: "incomplete", wallet_address: wallet });

  jopay("merchant:onboard-dev", "--partner", slug, "--merchant", merchantBody.merchant_id, "--wallet", wallet);
  const created = await request.post("/api/v1/requests/create", {
    headers: { authorization: `Bearer ${key}` },
    data: { merchant_id: merchantBody.merchant_id, fiat_amount_int: 2500, metadata: { order_id: "E2E-1" } },
  });
  expect(created.status()).toBe(201);
  const body = await created.json();
  expect(body).toMatchObject({ ok: true, status: "requested", amount: { fiat_int: 2500, fiat_code: "EUR" } });
  expect(created.headers()["x-request-id"]).toBeTruthy();
});

test("a wrong method on an API path is a JSON 405 naming the allowed methods", async ({ request }) => {
  const res = await request.delete("/api/v1/requests/create");
  expect(res.status()).toBe(405);
  expect(res.headers()["allow"]).toBe("POST");
  expect(res.headers()["x-request-id"]).toBeTruthy();
  expect(await res.json()).toMatchObject({ ok: false, error: "method_not_allowed" });
  // OPTIONS names only what the path serves, not the 405 handlers.
  const options = await request.fetch("/api/v1/requests/create", { method: "OPTIONS" });
  expect(options.status()).toBe(204);
  expect(options.headers()["allow"]).toBe("POST, OPTIONS");
  // An unknown API path stays the catch-all's JSON 404.
  const missing = await request.get("/api/v1/no/such/thing");
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toMatchObject({ ok: false, error: "not_found" });
});
