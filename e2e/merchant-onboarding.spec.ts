// The merchant journey end to end (issue 7): a partner provisions a shell merchant over the API;
// the merchant onboards from onboarding_url with a wallet (SIWE), lands on return_url, signs in,
// creates a POS link; a customer pays it on-chain; the POS screen turns to "paid" without reload;
// the CSV export contains the payment.
import { expect, test } from "@playwright/test";
import pg from "pg";
import { createWalletClient, erc20Abi, http, publicActions, type Address } from "viem";
import { jopay } from "./support/cli";
import { injectWallet } from "./merchant-injected-wallet";

test("onboard with a wallet, sign in, take a POS payment, export it", async ({ page, browser, request, baseURL }) => {
  test.setTimeout(120_000);
  const rpcUrl = process.env.E2E_RPC_URL!;
  const usdc = process.env.E2E_USDC! as Address;
  const accounts = process.env.E2E_ACCOUNTS!.split(",");
  const merchantWallet = accounts[3];
  const customer = accounts[1] as Address;

  const slug = `m${Date.now().toString(36)}`;
  jopay("partner:create", "--slug", slug, "--name", "Merchant E2E Partner", "--currency", "EUR");
  const { key } = jopay<{ key: string }>("key:create", "--partner", slug, "--mode", "live");
  const dbc = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await dbc.connect();
  await dbc.query(`UPDATE partners SET "onboardingRequiredFields" = ARRAY['business_name','email'] WHERE slug = $1`, [slug]);
  await dbc.end();
  const auth = { authorization: `Bearer ${key}` };

  // Partner: shell merchant + onboarding link with a return_url.
  const created = await request.post("/api/v1/merchants", { headers: auth, data: { account_type: "business" } });
  expect(created.status()).toBe(201);
  const merchantId = (await created.json()).merchant_id as string;
  const returnUrl = `${baseURL}/docs?onboarded=1`;
  const link = await request.post(`/api/v1/merchants/${merchantId}/onboarding_link`, { headers: auth, data: { return_url: returnUrl } });
  const onboardingUrl = (await link.json()).onboarding_url as string;

  // A bogus link gets a clear page, not an error.
  const bogus = await page.goto("/merchant/onboarding?token=nope");
  expect(bogus?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "This link can’t be used" })).toBeVisible();

  // Merchant: onboarding in the browser with the injected wallet.
  await injectWallet(page, rpcUrl, merchantWallet);
  await page.goto(onboardingUrl);
  await expect(page.getByText("Merchant E2E Partner")).toBeVisible();
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await expect(page.getByTestId("connected-wallet")).toContainText(merchantWallet, { ignoreCase: true });
  await page.getByLabel("Business name").fill("E2E Bakery");
  await page.getByLabel("Email").fill("owner@bakery.example");
  await page.getByLabel(/I accept the JoPay merchant terms/).check();
  await page.getByRole("button", { name: "Sign and finish" }).click();
  await page.waitForURL(returnUrl);

  const after = await (await request.get(`/api/v1/merchants/${merchantId}`, { headers: auth })).json();
  expect(after).toMatchObject({ onboarding_status: "complete", wallet_address: merchantWallet.toLowerCase(), business_name: "E2E Bakery", onboarding_url: null });

  // The used link is now dead.
  await page.goto(onboardingUrl);
  await expect(page.getByRole("heading", { name: "This link can’t be used" })).toBeVisible();

  // Sign out, then sign in with the wallet.
  await page.goto("/merchant");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/merchant\/sign-in$/);
  await page.getByRole("button", { name: "Sign in with your wallet" }).click();
  await page.waitForURL(/\/merchant$/);
  await expect(page.getByRole("link", { name: "E2E Bakery" })).toBeVisible();

  // POS link.
  await page.getByLabel("Amount (EUR)").fill("12.50");
  await page.getByLabel("Memo").fill("Two croissants");
  await page.getByRole("button", { name: "Create link" }).click();
  await page.waitForURL(/\/merchant\/pos\/[0-9a-f-]{36}$/);
  const requestId = page.url().split("/").pop()!;
  await expect(page.getByTestId("pos-amount")).toHaveText("€12.50");
  await expect(page.getByTestId("pos-status")).toHaveText("Waiting for payment");

  // Customer: opens the pay page in another browser context and pays on-chain.
  const customerCtx = await browser.newContext();
  const payPage = await customerCtx.newPage();
  const payRes = await payPage.goto(`/pay/${requestId}`);
  expect(payRes?.status()).toBe(200);
  const status = await (await request.get(`/api/pay/${requestId}`)).json();
  const wallet = createWalletClient({ account: customer, transport: http(rpcUrl) }).extend(publicActions);
  const chainId = await wallet.getChainId();
  const hash = await wallet.writeContract({
    chain: { id: chainId, name: "anvil", nativeCurrency: { name: "ETH", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } },
    address: usdc,
    abi: erc20Abi,
    functionName: "transfer",
    // One micro-unit over: the transfer watcher matches exact amounts only, so the customer's own
    // proof below is what attaches this payment (no race with the watcher).
    args: [merchantWallet as Address, BigInt(status.amount.usdc_micro) + 1n],
  });
  await wallet.waitForTransactionReceipt({ hash });
  const proof = await payPage.request.post(`/api/pay/${requestId}/proof`, { data: { tx_hash: hash } });
  expect(proof.status()).toBeLessThan(300);

  // The POS screen flips to paid by itself, the QR gone; one micro-unit more than asked is an overpayment.
  await expect(page.getByTestId("pos-status")).toHaveText("Paid — overpaid", { timeout: 30_000 });
  await expect(page.getByRole("img", { name: "QR code of the payment link" })).toHaveCount(0);
  await expect(page.getByTestId("receipt-tx-hash")).toHaveText(hash.toLowerCase());
  await customerCtx.close();

  // CSV export (with the merchant's session cookie).
  const today = new Date().toISOString().slice(0, 10);
  const csv = await page.request.get(`/api/merchant/export?since=${today}&until=${today}`);
  expect(csv.status()).toBe(200);
  const line = (await csv.text()).split("\r\n").find((l) => l.startsWith(requestId));
  expect(line).toBeDefined();
  expect(line).toContain(",verified,pos,12.50,EUR,");
  expect(line).toContain(hash.toLowerCase());
});
