// Refunds signed by the merchant (issue 22), on a 390 px phone: a merchant opens a request paid on
// anvil, refunds part of it from the dashboard with its own wallet (EIP-6963, through wagmi), sees
// it move from "Waiting for your wallet" to "Sent, confirming" to "Refunded ✓" as the worker
// verifies it on chain, then refunds the rest; another connected account is refused before anything
// is signed; nothing more is offered once all is refunded and the API refuses a third. A refund the
// partner asks for over the API shows with Approve / Decline, and approving + sending completes it.
// The payer's USDC balance on anvil moves by exactly the refunds; axe finds no WCAG A/AA violation
// and nothing scrolls sideways at 320 and 390 px.
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createPublicClient, erc20Abi, getAddress, http, type Address } from "viem";
import { jopay } from "./support/cli";
import { injectWallet, type InjectedWallet } from "./support/injected-wallet";
import { axeViolations, overflow, PHONE, watchProblems, type Storage } from "./support/page-checks";
import { usdcInputText as formatInput } from "../lib/merchants/refund-amounts";
import { env, sendUsdc, usdcLogsOf } from "./support/pay-setup";

const PARTNER = "Aurora Payments";

interface Shop {
  key: string;
  merchantId: string;
  /** The merchant's payout wallet: an anvil account, so the injected wallet can send from it. */
  wallet: Address;
  storage: Storage;
}

let shop: Shop;
const auth = () => ({ authorization: `Bearer ${shop.key}` });

const chain = () => createPublicClient({ transport: http(env().rpcUrl), cacheTime: 0 });

async function anvil(method: string, params: unknown[] = []) {
  const res = await fetch(env().rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = (await res.json()) as { error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
}

/** While `during` runs, sent transactions wait in anvil's mempool; then one block mines them. */
async function withoutMining(during: () => Promise<void>) {
  await anvil("evm_setAutomine", [false]);
  try {
    await during();
  } finally {
    await anvil("evm_setAutomine", [true]);
    await anvil("evm_mine");
  }
}
const usdcOf = (owner: Address) => chain().readContract({ address: env().usdc, abi: erc20Abi, functionName: "balanceOf", args: [owner] });

/** A request of `fiat` minor units paid in full from `payer` on anvil, verified. */
async function paidRequest(request: APIRequestContext, payer: Address, fiat: number, memo: string) {
  const res = await request.post("/api/v1/requests/create", { headers: auth(), data: { merchant_id: shop.merchantId, fiat_amount_int: fiat, memo } });
  expect(res.status(), await res.text()).toBe(201);
  const body = await res.json();
  const id = body.request_id as string;
  const usdcMicro = BigInt(body.amount.usdc_micro as string);
  const hash = await sendUsdc(payer, shop.wallet, usdcMicro);
  // The transfer watcher may attach it first (exact amount); either way it ends verified.
  const proof = await request.post(`/api/pay/${id}/proof`, { data: { tx_hash: hash } });
  expect([200, 201, 202, 409]).toContain(proof.status());
  await expect
    .poll(async () => (await (await request.get(`/api/v1/requests/${id}`, { headers: auth() })).json()).proof_status, { timeout: 30_000 })
    .toBe("verified");
  return { id, usdcMicro, hash };
}

/** A signed-in phone with the injected wallet on `account`. */
async function merchantPhone(browser: Browser, account: string): Promise<{ page: Page; wallet: InjectedWallet; close: () => Promise<void> }> {
  const context = await browser.newContext({ storageState: shop.storage, viewport: PHONE, locale: "en-US", timezoneId: "UTC" });
  const page = await context.newPage();
  const wallet = await injectWallet(page, { rpcUrl: env().rpcUrl, account, chainId: env().chainId });
  return { page, wallet, close: () => context.close() };
}

const rows = (page: Page) => page.getByTestId("refund-row");
const row = (page: Page, n: number) => rows(page).nth(n);

/** The USDC Transfer a refund's transaction made, read back from anvil. */
async function transferOf(hash: string) {
  const { receipt, logs } = await usdcLogsOf(hash);
  expect(receipt.status).toBe("success");
  return logs.filter((l) => l.eventName === "Transfer").map((l) => l.args);
}

async function pageChecks(page: Page) {
  for (const width of [320, 390]) {
    await page.setViewportSize({ width, height: 844 });
    expect(await overflow(page), `sideways overflow at ${width} px`).toBeLessThanOrEqual(0);
  }
  expect(await axeViolations(page)).toEqual([]);
}

test.describe.serial("merchant refunds from the dashboard", () => {
  test.beforeAll(async ({ browser, playwright }) => {
    test.setTimeout(120_000);
    const request = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
    const wallet = getAddress(env().accounts[9]);
    const slug = `rfd${randomBytes(4).toString("hex")}`;
    jopay("partner:create", "--slug", slug, "--name", PARTNER, "--currency", "EUR");
    const { key } = jopay<{ key: string }>("key:create", "--partner", slug, "--mode", "live");
    const created = await request.post("/api/v1/merchants", {
      headers: { authorization: `Bearer ${key}` },
      data: { business_name: "Padaria Refund", wallet_address: wallet.toLowerCase(), account_type: "business" },
    });
    expect(created.status(), await created.text()).toBe(201);
    const merchantId = (await created.json()).merchant_id as string;
    jopay("merchant:onboard-dev", "--partner", slug, "--merchant", merchantId, "--wallet", wallet.toLowerCase());

    // Sign in once with the wallet, as a merchant does; every test reuses the session cookie.
    const context = await browser.newContext();
    const page = await context.newPage();
    await injectWallet(page, { rpcUrl: env().rpcUrl, account: wallet, chainId: env().chainId });
    await page.goto("/merchant/sign-in");
    await page.getByRole("button", { name: "Sign in with your wallet" }).click();
    await page.waitForURL(/\/merchant$/);
    shop = { key, merchantId, wallet, storage: await context.storageState() };
    await context.close();
    await request.dispose();
  });

  test("refund part from the wallet, see it confirmed, refund the rest; another account is refused; nothing more is offered", async ({ browser, request }) => {
    test.setTimeout(120_000);
    const payer = getAddress(env().accounts[2]);
    const paid = await paidRequest(request, payer, 2500, "Two cakes");
    const payerBefore = await usdcOf(payer);
    const shopBefore = await usdcOf(shop.wallet);

    const { page, wallet, close } = await merchantPhone(browser, shop.wallet);
    const problems = watchProblems(page);
    await page.goto(`/merchant/requests/${paid.id}`);
    const form = page.getByTestId("refund-form");
    await expect(form.getByLabel("Amount (USDC)")).toHaveValue(formatInput(paid.usdcMicro));
    await expect(form.getByTestId("refund-left")).toContainText("€25.00");
    // The payer, from the verified transfer, shortened with a copy button.
    await expect(form.getByTestId("refund-payer")).toHaveText(`${payer.slice(0, 6).toLowerCase()}…${payer.slice(-4).toLowerCase()}`);
    await expect(form.getByRole("button", { name: "Copy" })).toBeVisible();
    await pageChecks(page);
    await page.setViewportSize(PHONE);

    // A bad amount and a bad address are said in words, and nothing is created.
    await form.getByLabel("Amount (USDC)").fill("1000000");
    await form.getByRole("button", { name: "Send refund from your wallet" }).click();
    await expect(form.getByRole("alert")).toHaveText(/^Enter an amount above 0 and at most /);
    await form.getByLabel("Another address").check();
    await form.getByLabel("Address to refund to").fill("0x1234");
    await form.getByLabel("Amount (USDC)").fill("10");
    await form.getByRole("button", { name: "Send refund from your wallet" }).click();
    await expect(form.getByRole("alert")).toHaveText("Enter a wallet address: 0x followed by 40 hexadecimal characters.");
    await form.getByLabel("Address to refund to").fill(shop.wallet);
    await form.getByRole("button", { name: "Send refund from your wallet" }).click();
    await expect(form.getByRole("alert")).toHaveText("That is the wallet the payment went to: a refund goes back to the customer.");
    await expect(rows(page)).toHaveCount(0);
    await form.getByLabel(/^The wallet that paid/).check();

    // Partial: 10 USDC (≈ its euros shown beside it). The merchant first declines in the wallet:
    // the refund waits for its wallet, then is sent from the list.
    await expect(form.getByTestId("refund-fiat")).toContainText("10.000000 USDC ≈ €");
    await form.getByLabel("Reason (optional)").fill("One cake was broken");
    wallet.rejectNextSend();
    await form.getByRole("button", { name: "Send refund from your wallet" }).click();
    await expect(page.getByTestId("refund-error").first()).toHaveText("You declined in your wallet: nothing was sent.");
    await expect(row(page, 0).getByTestId("refund-status")).toHaveText("Waiting for your wallet");
    // Not mined yet: the refund is sent and confirming until its block exists.
    await withoutMining(async () => {
      await row(page, 0).getByRole("button", { name: "Send from your wallet" }).click();
      await expect(row(page, 0).getByTestId("refund-status")).toHaveText("Sent, confirming");
      await expect(row(page, 0).getByTestId("refund-tx")).toHaveText(/^0x[0-9a-f]{64}$/);
    });
    await expect(row(page, 0).getByTestId("refund-status")).toHaveText("Refunded ✓", { timeout: 30_000 });
    const firstHash = (await row(page, 0).getByTestId("refund-tx").textContent())!;
    expect(await transferOf(firstHash)).toEqual([{ from: shop.wallet, to: payer, value: 10_000_000n }]);
    expect(await usdcOf(payer)).toBe(payerBefore + 10_000_000n);
    await expect(row(page, 0)).toContainText("One cake was broken");

    // The rest, but the wallet is on another account: refused before anything is signed.
    const rest = paid.usdcMicro - 10_000_000n;
    const other = await merchantPhone(browser, env().accounts[6]);
    await other.page.goto(`/merchant/requests/${paid.id}`);
    const otherForm = other.page.getByTestId("refund-form");
    await expect(otherForm.getByLabel("Amount (USDC)")).toHaveValue(formatInput(rest));
    await otherForm.getByRole("button", { name: "Send refund from your wallet" }).click();
    await expect(other.page.getByTestId("refund-error").first()).toHaveText(
      /^Your wallet is connected with 0x976e…0aa9, but this payment went to 0xa0ee…9720\. A refund must come from the wallet that was paid/,
    );
    expect(other.wallet.calls).not.toContain("eth_sendTransaction");
    await other.close();

    // Back on the right account, the waiting refund is sent from the list.
    await page.reload();
    await expect(row(page, 1).getByTestId("refund-status")).toHaveText("Waiting for your wallet");
    await expect(page.getByTestId("refund-form")).toHaveCount(0);
    await row(page, 1).getByRole("button", { name: "Send from your wallet" }).click();
    await expect(row(page, 1).getByTestId("refund-status")).toHaveText("Refunded ✓", { timeout: 30_000 });
    const secondHash = (await row(page, 1).getByTestId("refund-tx").textContent())!;
    expect(await transferOf(secondHash)).toEqual([{ from: shop.wallet, to: payer, value: rest }]);
    expect(await usdcOf(payer)).toBe(payerBefore + paid.usdcMicro);
    expect(await usdcOf(shop.wallet)).toBe(shopBefore - paid.usdcMicro);

    // Everything is refunded: no third refund is offered, and the API refuses one.
    await expect(page.getByTestId("refund-nothing-left")).toHaveText("Everything received has been refunded, or is being refunded.");
    const third = await request.post(`/api/v1/requests/${paid.id}/refunds`, { headers: auth(), data: { amount_usdc_micro: "1" } });
    expect(third.status()).toBe(409);
    expect(await third.json()).toMatchObject({ error: "refund_exceeds_received", refundable_usdc_micro: "0" });
    const api = await (await request.get(`/api/v1/requests/${paid.id}`, { headers: auth() })).json();
    expect(api.refunds.map((r: { status: string; tx_hash: string }) => [r.status, r.tx_hash])).toEqual([
      ["verified", firstHash],
      ["verified", secondHash],
    ]);
    await pageChecks(page);
    expect(problems).toEqual([]);
    await close();
  });

  test("a refund the partner asked for shows with Approve / Decline; approving and sending completes it", async ({ browser, request }) => {
    test.setTimeout(120_000);
    const payer = getAddress(env().accounts[3]);
    const paid = await paidRequest(request, payer, 1800, "Dinner for two");
    const ask = async (micro: string, reason: string) => {
      const res = await request.post(`/api/v1/requests/${paid.id}/refunds`, { headers: auth(), data: { amount_usdc_micro: micro, reason } });
      expect(res.status(), await res.text()).toBe(201);
      const body = await res.json();
      expect(body).toMatchObject({ status: "requested", initiated_by: "partner", to_address: payer.toLowerCase() });
      return body.refund_id as string;
    };
    const declined = await ask("1000000", "Asked twice by mistake");
    const wanted = await ask("5000000", "Customer returned a dish");
    const payerBefore = await usdcOf(payer);

    const { page, close } = await merchantPhone(browser, shop.wallet);
    const problems = watchProblems(page);
    // wagmi comes only when a refund is sent (a dynamic import), not with the page.
    const scripts: Promise<string>[] = [];
    page.on("response", (r) => {
      if (r.request().resourceType() === "script") scripts.push(r.text().catch(() => ""));
    });
    const wagmiLoaded = async () => (await Promise.all(scripts)).some((js) => js.includes("Connector already connected."));
    await page.goto(`/merchant/requests/${paid.id}`);
    const first = page.locator(`[data-refund-id="${declined}"]`);
    const second = page.locator(`[data-refund-id="${wanted}"]`);
    await expect(second.getByTestId("refund-status")).toHaveText("Requested: waiting for your approval");
    await expect(second).toContainText(`Requested by ${PARTNER}`);
    await expect(second).toContainText("Customer returned a dish");
    await expect(second.getByRole("button", { name: "Approve" })).toBeVisible();
    await expect(second.getByRole("button", { name: "Decline" })).toBeVisible();
    await pageChecks(page);
    await page.setViewportSize(PHONE);

    await first.getByRole("button", { name: "Decline" }).click();
    await expect(first.getByTestId("refund-status")).toHaveText("Cancelled");
    await second.getByRole("button", { name: "Approve" }).click();
    await expect(second.getByTestId("refund-status")).toHaveText("Waiting for your wallet");
    await page.waitForLoadState("networkidle");
    expect(await wagmiLoaded()).toBe(false);
    await second.getByRole("button", { name: "Send from your wallet" }).click();
    await expect(second.getByTestId("refund-status")).toHaveText("Refunded ✓", { timeout: 30_000 });
    expect(await wagmiLoaded()).toBe(true);
    const hash = (await second.getByTestId("refund-tx").textContent())!;
    expect(await transferOf(hash)).toEqual([{ from: shop.wallet, to: payer, value: 5_000_000n }]);
    expect(await usdcOf(payer)).toBe(payerBefore + 5_000_000n);

    const listed = await (await request.get(`/api/v1/requests/${paid.id}/refunds`, { headers: auth() })).json();
    expect(listed.refunds.map((r: { refund_id: string; status: string }) => [r.refund_id, r.status])).toEqual([
      [declined, "cancelled"],
      [wanted, "verified"],
    ]);
    // The rest can still be refunded by the merchant: the form offers exactly that.
    await expect(page.getByTestId("refund-form").getByLabel("Amount (USDC)")).toHaveValue(formatInput(paid.usdcMicro - 5_000_000n));
    await pageChecks(page);
    expect(problems).toEqual([]);
    await close();

    // The same refunds in French (the browser's language), with the same checks.
    const fr = await browser.newContext({ storageState: shop.storage, viewport: PHONE, locale: "fr-FR", timezoneId: "UTC" });
    const frPage = await fr.newPage();
    await frPage.goto(`/merchant/requests/${paid.id}`);
    await expect(frPage.getByRole("heading", { name: "Remboursements" })).toBeVisible();
    await expect(frPage.locator(`[data-refund-id="${declined}"]`).getByTestId("refund-status")).toHaveText("Annulé");
    await expect(frPage.locator(`[data-refund-id="${wanted}"]`).getByTestId("refund-status")).toHaveText("Remboursé ✓");
    await expect(frPage.getByRole("button", { name: "Envoyer le remboursement depuis votre portefeuille" })).toBeVisible();
    await pageChecks(frPage);
    await fr.close();
  });
});
