// A merchant whose payout wallet is a smart-contract wallet (ERC-1271, issue 18) onboards from the
// partner's link and signs in, in the browser: the injected wallet shows the contract's address and
// the owner key signs, as Coinbase Smart Wallet or Safe do. The signature can only be checked on
// the chain, so this also proves the server asks the configured chain.
import { expect, test } from "@playwright/test";
import { getAddress } from "viem";
import { deployContract } from "../scripts/local-chain/deploy";
import { jopay } from "./support/cli";
import { injectWallet } from "./merchant-injected-wallet";

test("a smart-wallet merchant onboards and signs in", async ({ page, request }) => {
  test.setTimeout(90_000);
  const rpcUrl = process.env.E2E_RPC_URL!;
  const owner = process.env.E2E_ACCOUNTS!.split(",")[4];
  const wallet = getAddress(await deployContract(rpcUrl, "TestSmartWallet", [owner]));

  const slug = `sw${Date.now().toString(36)}`;
  jopay("partner:create", "--slug", slug, "--name", "Smart Wallet Partner", "--currency", "USD");
  const { key } = jopay<{ key: string }>("key:create", "--partner", slug, "--mode", "live");
  const auth = { authorization: `Bearer ${key}` };
  const created = await request.post("/api/v1/merchants", { headers: auth, data: { account_type: "business" } });
  expect(created.status()).toBe(201);
  const { merchant_id: merchantId, onboarding_url: onboardingUrl } = await created.json();

  await injectWallet(page, rpcUrl, wallet, { signer: owner });
  await page.goto(onboardingUrl);
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await expect(page.getByTestId("connected-wallet")).toContainText(wallet, { ignoreCase: true });
  await page.getByLabel(/I accept the JoPay merchant terms/).check();
  await page.getByRole("button", { name: "Sign and finish" }).click();
  // No return_url: onboarding ends signed in, on the dashboard.
  await page.waitForURL(/\/merchant$/);

  const after = await (await request.get(`/api/v1/merchants/${merchantId}`, { headers: auth })).json();
  expect(after).toMatchObject({ onboarding_status: "complete", wallet_address: wallet.toLowerCase() });

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/merchant\/sign-in$/);
  await page.getByRole("button", { name: "Sign in with your wallet" }).click();
  await page.waitForURL(/\/merchant$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
