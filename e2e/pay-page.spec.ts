// The customer's pay page against the production build, a real database and a real anvil chain
// with our test USDC: pay with an injected wallet (EIP-3009, bound to the request by its nonce),
// pay elsewhere and paste the hash (also without JavaScript), a refused wallet prompt, expired /
// voided / unknown requests, and languages. EIP-3009 fallbacks and the QR: pay-page-reference.spec.ts.
// Screenshots of each state go to e2e/screenshots/ (git-ignored).
import { expect, test } from "@playwright/test";
import { getAddress } from "viem";
import { paymentNonce } from "../lib/payments/payment-reference";
import { firstLoadChunks, WALLET_FLOW_MARKER, WALLETCONNECT_MARKER } from "../test/pay/support/first-load-js";
import { injectWallet } from "./support/injected-wallet";
import { apiRequest, createRequest, env, expireNow, sendUsdc, setupMerchant, shot, statusBox, usdcLogsOf } from "./support/pay-setup";

test.describe("pay page", () => {
  // Mobile-first: customers are on phones (iPhone 12-class viewport).
  test.use({ viewport: { width: 390, height: 844 } });

  test("customer opens the page and pays with the wallet; the API says verified", async ({ page, request }) => {
    const s = await setupMerchant(request, "live");
    const r = await createRequest(request, s);
    const { rpcUrl, accounts, chainId } = env();
    const wallet = await injectWallet(page, { rpcUrl, account: accounts[1], chainId });
    // Every script the browser runs, to check what the wallet button's click brings in.
    const scripts: Promise<{ url: string; body: string }>[] = [];
    page.on("response", (res) => {
      if (res.request().resourceType() === "script") scripts.push(res.text().then((body) => ({ url: res.url(), body }), () => ({ url: res.url(), body: "" })));
    });
    // A hydration mismatch does not break the page (React re-renders it on the client), it only
    // logs: any console error or uncaught exception fails the test.
    const errors: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(msg.text());
    });
    page.on("pageerror", (err) => errors.push(err.message));

    // Under the page's script policy (nothing inline, only our files): a violation would be a
    // console error, which fails this test.
    const response = await page.goto(r.path);
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByTestId("merchant-name")).toHaveText("Pay Café Aurora");
    await expect(page.getByTestId("partner-name")).toHaveText("Aurora Payments");
    await expect(page.getByTestId("fiat-amount")).toHaveText("€25.00");
    const usdcText = `${r.usdcMicro / 1_000_000n}.${(r.usdcMicro % 1_000_000n).toString().padStart(6, "0")} USDC`;
    await expect(page.getByTestId("usdc-amount")).toHaveText(usdcText);
    await expect(page.getByTestId("memo")).toHaveText("Table 4, two coffees");
    await expect(page.getByTestId("network-name")).toHaveText("Local Anvil");
    await expect(page.getByRole("timer")).toBeVisible();
    await expect(page.getByTestId("test-banner")).toHaveCount(0);
    const qr = page.getByTestId("pay-qr");
    await expect(qr).toHaveAttribute("data-uri", new RegExp(`^ethereum:0x[0-9a-fA-F]{40}@${chainId}/transfer\\?address=0x[0-9a-fA-F]{40}&uint256=${r.usdcMicro}$`));
    await expect(qr.locator("svg")).toBeVisible();
    await expect(statusBox(page)).toHaveAttribute("data-phase", "waiting");
    // No WalletConnect project id in this environment: no WalletConnect choice.
    await expect(page.getByRole("button", { name: /WalletConnect/ })).toHaveCount(0);
    await shot(page, "01-waiting");

    // A person's first view opened it.
    expect(await apiRequest(request, s, r.id)).toMatchObject({ status: "opened", proof_status: "none" });

    await page.getByRole("button", { name: "Pay with wallet" }).click();
    await expect(statusBox(page)).toHaveAttribute("data-phase", "confirmed", { timeout: 30_000 });
    await expect(statusBox(page)).toContainText("Payment confirmed");
    const receipt = page.getByTestId("pay-receipt");
    await expect(receipt).toContainText("Café Aurora");
    await expect(receipt).toContainText(usdcText);
    await expect(page.getByTestId("receipt-tx")).toHaveText(/^0x[0-9a-f]{64}$/);
    await expect(page.getByTestId("receipt-request-id")).toHaveText(r.id);
    await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();
    await expect(page.getByTestId("pay-simulated")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Pay with wallet" })).toHaveCount(0);
    await shot(page, "02-confirmed-receipt");

    expect(wallet.calls).toEqual(expect.arrayContaining(["eth_requestAccounts", "eth_chainId", "eth_call", "eth_signTypedData_v4", "eth_sendTransaction"]));
    // The signature came first: the wallet sent the signed authorization, not a plain transfer.
    expect(wallet.calls.indexOf("eth_signTypedData_v4")).toBeLessThan(wallet.calls.indexOf("eth_sendTransaction"));
    // The injected path loaded the wallet flow and nothing of WalletConnect's SDK.
    const loaded = await Promise.all(scripts);
    expect(loaded.some((s) => WALLET_FLOW_MARKER.test(s.body))).toBe(true);
    expect(loaded.filter((s) => WALLETCONNECT_MARKER.test(s.body)).map((s) => s.url)).toEqual([]);
    const txHash = (await page.getByTestId("receipt-tx").textContent())!;
    expect(await apiRequest(request, s, r.id)).toMatchObject({ proof_status: "verified", tx_hash: txHash });
    // On chain, the payment names its request: AuthorizationUsed(customer, paymentNonce(id)),
    // then exactly usdc_micro from the customer to the merchant, in the one receipt.
    const { receipt: chainReceipt, logs } = await usdcLogsOf(txHash);
    expect(chainReceipt.status).toBe("success");
    expect(logs.map((l) => [l.eventName, l.args])).toEqual([
      ["AuthorizationUsed", { authorizer: getAddress(accounts[1]), nonce: paymentNonce(r.id) }],
      ["Transfer", { from: getAddress(accounts[1]), to: getAddress(s.wallet), value: r.usdcMicro }],
    ]);
    expect(errors).toEqual([]);
  });

  test("with two wallets announced (EIP-6963) the customer picks one and pays with it", async ({ page, request }) => {
    const s = await setupMerchant(request, "live");
    const r = await createRequest(request, s);
    const { rpcUrl, accounts, chainId } = env();
    const wallet = await injectWallet(page, { rpcUrl, account: accounts[1], chainId, wallets: [{ name: "Fox Wallet" }, { name: "Otter Wallet", icon: "https://tracker.example/icon.png" }] });
    await page.goto(r.path);

    await page.getByRole("button", { name: "Pay with wallet" }).click();
    const picker = page.getByRole("list", { name: "Choose your wallet" });
    await expect(picker.getByRole("button")).toHaveText(["Fox Wallet", "Otter Wallet"]);
    // Keyboard users land on the first wallet.
    await expect(picker.getByRole("button", { name: "Fox Wallet" })).toBeFocused();
    // data:image/ icons render; anything else (a URL the page would fetch) does not.
    await expect(picker.getByRole("button", { name: "Fox Wallet" }).locator("img")).toHaveAttribute("src", /^data:image\/svg\+xml,/);
    await expect(picker.getByRole("button", { name: "Otter Wallet" }).locator("img")).toHaveCount(0);
    await shot(page, "10-wallet-picker");

    await picker.getByRole("button", { name: "Otter Wallet" }).click();
    await expect(statusBox(page)).toHaveAttribute("data-phase", "confirmed", { timeout: 30_000 });
    expect(wallet.callsBy["Otter Wallet"]).toEqual(expect.arrayContaining(["eth_requestAccounts", "eth_sendTransaction"]));
    expect(wallet.callsBy["Fox Wallet"]).toEqual([]);
    expect((await apiRequest(request, s, r.id)).proof_status).toBe("verified");
  });

  test("a partner's host shows its own requests with its branding and 404s another partner's", async ({ page, request }) => {
    const mine = await setupMerchant(request, "live", "Café Aurora", "Aurora Payments");
    const other = await setupMerchant(request, "live", "Bakery Boreal", "Boreal Pay");
    const own = await createRequest(request, mine);
    const foreign = await createRequest(request, other);
    // Chromium resolves *.localhost to this machine: `<slug>.localhost:<port>` is the partner's host
    // (JOPAY_BASE_DOMAIN defaults to localhost, as in development).
    const partnerOrigin = `http://${mine.slug}.localhost:${new URL(process.env.E2E_BASE_URL!).port}`;

    await page.goto(`${partnerOrigin}${own.path}`);
    await expect(page.getByTestId("partner-name")).toHaveText("Aurora Payments");
    await expect(page.getByTestId("merchant-name")).toHaveText("Pay Café Aurora");

    const res = await page.goto(`${partnerOrigin}${foreign.path}`);
    expect(res?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toHaveText("Payment request not found");
    // Not a view: the partner host's 404 must not open the other partner's request.
    expect((await apiRequest(request, other, foreign.id)).status).toBe("requested");

    // The bare app host shows it, with its own partner's branding.
    await page.goto(foreign.path);
    await expect(page.getByTestId("partner-name")).toHaveText("Boreal Pay");
  });

  test("customer pays from another wallet and pastes the tx hash", async ({ page, request }) => {
    const s = await setupMerchant(request, "test");
    const r = await createRequest(request, s);
    await page.goto(r.path);
    await expect(page.getByTestId("test-banner")).toBeVisible();
    // One micro-unit over, so the transfer watcher (exact amounts only) cannot attach it first.
    const hash = await sendUsdc(env().accounts[2], s.wallet, r.usdcMicro + 1n);

    await page.getByLabel("Transaction hash").fill(hash);
    await page.getByRole("button", { name: "Submit" }).click();
    await expect(page.getByTestId("proof-outcome")).toHaveAttribute("data-outcome", "accepted");
    await expect(statusBox(page)).toHaveAttribute("data-phase", /seen|confirmed/);
    await shot(page, "03-proof-submitted");
    await expect(statusBox(page)).toHaveAttribute("data-phase", "confirmed", { timeout: 30_000 });
    await expect(page.getByTestId("receipt-tx")).toHaveText(hash);
    expect(await apiRequest(request, s, r.id)).toMatchObject({ proof_status: "verified", tx_hash: hash });
  });

  test("a paid request offers its receipt to print or save as PDF; a simulated payment is called simulated, in the page's language", async ({ page, request }) => {
    const s = await setupMerchant(request, "test");
    const r = await createRequest(request, s);
    const sim = await request.post(`/api/v1/requests/${r.id}/simulate_payment`, { headers: { authorization: `Bearer ${s.key}` }, data: { outcome: "paid" } });
    expect(sim.status()).toBe(200);
    // The public status the page polls says so too.
    expect(await (await request.get(`/api/pay/${r.id}`)).json()).toMatchObject({ proof_status: "verified", simulated: true });

    await page.goto(`${r.path}?lang=es`);
    await expect(statusBox(page)).toHaveAttribute("data-phase", "confirmed");
    const receipt = page.getByTestId("pay-receipt");
    await expect(receipt).toHaveAttribute("data-simulated", "true");
    await expect(receipt.getByTestId("pay-simulated")).toHaveText("Pago simulado — no se movieron fondos");
    await expect(page.getByTestId("receipt-tx-simulated")).toHaveText("Pago simulado — no se movieron fondos");
    // The made-up hash is not shown as a transaction, nor linked to an explorer.
    await expect(page.getByTestId("receipt-tx")).toHaveCount(0);
    await expect(receipt.getByRole("link", { name: "Ver en el explorador" })).toHaveCount(0);
    await expect(page.getByTestId("receipt-request-id")).toHaveText(r.id);
    await expect(receipt).toContainText("Café Aurora");
    await expect(receipt).toContainText("Table 4, two coffees");

    // The button opens the browser's print dialog (stubbed here: headless Chromium has none).
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByRole("button", { name: "Imprimir o guardar como PDF" }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    // Printed, the sheet is the receipt under the partner's header: no amount-due card, no language switcher, no button.
    await page.emulateMedia({ media: "print" });
    await expect(receipt).toBeVisible();
    await expect(page.getByTestId("partner-name")).toHaveText("Aurora Payments");
    await expect(page.getByTestId("pay-simulated")).toBeVisible();
    await expect(page.getByTestId("merchant-name")).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Idioma" })).toBeHidden();
    await expect(page.getByTestId("receipt-print")).toBeHidden();
    await shot(page, "03b-receipt-print");
    await page.emulateMedia({ media: "screen" });
    await expect(page.getByTestId("merchant-name")).toBeVisible();
  });

  test("without JavaScript the proof form works and the page shows the state on each load", async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const s = await setupMerchant(request, "live");
    const r = await createRequest(request, s);
    await page.goto(r.path);
    await expect(page.getByTestId("pay-qr").locator("svg")).toBeVisible();
    await expect(page.getByTestId("refresh-link")).toBeVisible();

    await page.getByLabel("Transaction hash").fill(`0x${"ab".repeat(31)}`); // too short: the browser refuses to submit
    await page.getByRole("button", { name: "Submit" }).click();
    await expect(page.getByTestId("proof-outcome")).toHaveCount(0);

    // One micro-unit over: the transfer watcher only matches exact amounts, so it cannot attach
    // (and verify) this payment before the customer's form does — the form is what is under test.
    const hash = await sendUsdc(env().accounts[3], s.wallet, r.usdcMicro + 1n);
    await page.getByLabel("Transaction hash").fill(hash);
    await page.getByRole("button", { name: "Submit" }).click();
    await expect(page.getByTestId("proof-outcome")).toHaveAttribute("data-outcome", "accepted");
    await expect.poll(async () => (await apiRequest(request, s, r.id)).proof_status, { timeout: 30_000 }).toBe("verified");
    await page.getByTestId("refresh-link").click();
    await expect(statusBox(page)).toHaveAttribute("data-phase", "confirmed");
    await shot(page, "04-no-js-confirmed");
    await context.close();
  });

  test("a refused wallet prompt (4001) explains itself and the retry pays", async ({ page, request }) => {
    const s = await setupMerchant(request, "live");
    const r = await createRequest(request, s);
    const { rpcUrl, accounts, chainId } = env();
    const wallet = await injectWallet(page, { rpcUrl, account: accounts[4], chainId });
    await page.goto(r.path);

    wallet.rejectNextSend();
    await page.getByRole("button", { name: "Pay with wallet" }).click();
    await expect(page.getByTestId("wallet-error")).toHaveText("You cancelled the request in your wallet. Nothing was sent.");
    await expect(statusBox(page)).toHaveAttribute("data-phase", "waiting");
    await shot(page, "05-wallet-rejected");

    await page.getByRole("button", { name: "Try again" }).click();
    await expect(statusBox(page)).toHaveAttribute("data-phase", "confirmed", { timeout: 30_000 });
    expect((await apiRequest(request, s, r.id)).proof_status).toBe("verified");
  });

  test("wrong network, unknown network, an unreachable RPC and too little USDC each say what to do; trying again pays", async ({ page, request }) => {
    const s = await setupMerchant(request, "live");
    const r = await createRequest(request, s);
    const { rpcUrl, accounts, chainId } = env();
    // accounts[7] has ETH for gas but no USDC yet; the wallet starts on Ethereum mainnet.
    const customer = accounts[7];
    const wallet = await injectWallet(page, { rpcUrl, account: customer, chainId, startChainId: 1 });
    await page.goto(r.path);
    const error = page.getByTestId("wallet-error");
    const retry = page.getByRole("button", { name: "Try again" });

    // The wallet does not know the chain, and adding it fails.
    wallet.failNext("wallet_switchEthereumChain", { code: 4902, message: "Unrecognized chain ID" });
    wallet.failNext("wallet_addEthereumChain", { code: -32603, message: "Internal error" });
    await page.getByRole("button", { name: "Pay with wallet" }).click();
    await expect(error).toHaveText("Your wallet does not know Local Anvil. Add the network in your wallet, then try again.");

    // It knows the chain but will not switch.
    wallet.failNext("wallet_switchEthereumChain", { code: -32002, message: "Request already pending" });
    await retry.click();
    await expect(error).toHaveText("Your wallet is not on Local Anvil. Switch it to Local Anvil and try again.");

    // Switched, but its RPC fails the balance check.
    wallet.failNext("eth_call", { code: -32603, message: "Internal JSON-RPC error" });
    await retry.click();
    await expect(error).toHaveText("Your wallet could not reach Local Anvil. Check your connection and try again.");
    expect(wallet.calls).toContain("wallet_switchEthereumChain");

    // Reachable, but the wallet holds no USDC: the customer sees both amounts.
    await retry.click();
    const amount = `${r.usdcMicro / 1_000_000n}.${(r.usdcMicro % 1_000_000n).toString().padStart(6, "0")}`;
    await expect(error).toHaveText(`Not enough USDC on Local Anvil: your wallet holds 0.000000 USDC and this payment needs ${amount} USDC.`);
    await shot(page, "05b-wallet-insufficient");
    expect(wallet.calls).not.toContain("eth_sendTransaction");
    expect((await apiRequest(request, s, r.id)).proof_status).toBe("none");

    // Topped up from elsewhere, the next try pays.
    await sendUsdc(accounts[1], customer, r.usdcMicro);
    await retry.click();
    await expect(statusBox(page)).toHaveAttribute("data-phase", "confirmed", { timeout: 30_000 });
    expect(await apiRequest(request, s, r.id)).toMatchObject({ proof_status: "verified" });
  });

  test("expired and voided requests say so and offer no way to pay", async ({ page, request }) => {
    const s = await setupMerchant(request, "live");
    const expired = await createRequest(request, s);
    const voided = await createRequest(request, s, { metadata: { order_id: "void-me" } });
    await expireNow(expired.id);
    await page.goto(expired.path);
    await expect(statusBox(page)).toHaveAttribute("data-phase", "expired");
    await expect(statusBox(page)).toContainText("This request has expired");
    await expect(page.getByRole("button", { name: "Pay with wallet" })).toHaveCount(0);
    await expect(page.getByTestId("pay-qr")).toHaveCount(0);
    await shot(page, "06-expired");

    const cancel = await request.post(`/api/v1/requests/${voided.id}/cancel`, { headers: { authorization: `Bearer ${s.key}` } });
    expect(cancel.status()).toBe(200);
    await page.goto(voided.path);
    await expect(statusBox(page)).toHaveAttribute("data-phase", "voided");
    await expect(statusBox(page)).toContainText("This request was cancelled");
    await expect(page.getByLabel("Transaction hash")).toHaveCount(0);
    await shot(page, "07-voided");
    // Viewing a voided request does not reopen it.
    expect((await apiRequest(request, s, voided.id)).status).toBe("voided");
  });

  test("Spanish from Accept-Language, French from ?lang=, and a friendly 404", async ({ browser, request }) => {
    const s = await setupMerchant(request, "live");
    const r = await createRequest(request, s, { payment_mode: "invoice", customer_name: "Jan Jansen" });

    const context = await browser.newContext({ locale: "es-ES", extraHTTPHeaders: { "accept-language": "es-ES,es;q=0.9,en;q=0.5" } });
    const page = await context.newPage();
    await page.goto(r.path);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByTestId("merchant-name")).toHaveText("Pagar a Café Aurora");
    await expect(page.getByTestId("fiat-amount")).toHaveText(/^25,00\s€$/);
    await expect(page.getByTestId("customer-name")).toHaveText("Jan Jansen");
    await expect(statusBox(page)).toContainText("Esperando el pago");
    await expect(page.getByRole("button", { name: "Pagar con billetera" })).toBeVisible();
    await shot(page, "08-es-invoice");

    await page.goto(`${r.path}?lang=fr`);
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(statusBox(page)).toContainText("En attente du paiement");

    // Accept-Language (es) decides again: the ?lang=fr above was for that one page.
    const missing = await page.goto("/pay/0190a0b0-0000-7000-8000-000000000000");
    expect(missing?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toHaveText("Solicitud de pago no encontrada");
    const malformed = await page.goto("/pay/not-a-request");
    expect(malformed?.status()).toBe(404);
    await shot(page, "09-not-found");
    await context.close();
  });

  test("the first load carries neither the wallet flow nor WalletConnect", async ({ request }) => {
    const s = await setupMerchant(request, "live");
    const r = await createRequest(request, s);
    const { chunks } = await firstLoadChunks(new URL(r.path, process.env.E2E_BASE_URL).toString(), { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36" });
    expect(chunks.length).toBeGreaterThan(0);
    // Only the pay page's own bundle: none of Next's client runtime (pages/pay/[id].tsx explains why).
    expect(chunks.map((c) => c.src).filter((src) => !src.startsWith("/assets/pay/"))).toEqual([]);
    expect(chunks.filter((c) => WALLET_FLOW_MARKER.test(c.body) || WALLETCONNECT_MARKER.test(c.body)).map((c) => c.src)).toEqual([]);
    // Content-hashed names: browsers keep them for good (and a new build is new URLs).
    for (const c of chunks) expect((await request.get(c.src)).headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  test("link previews, HEAD probes and other methods do not open the request; PUT/DELETE are 405", async ({ request }) => {
    const s = await setupMerchant(request, "live");
    const r = await createRequest(request, s);
    const browser = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36" };
    const preview = await request.get(r.path, { headers: { "user-agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" } });
    expect(preview.status()).toBe(200);
    const head = await request.head(r.path, { headers: browser });
    expect(head.status()).toBe(200);
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const res = await request.fetch(r.path, { method, headers: browser });
      expect(res.status(), method).toBe(405);
      expect(res.headers()["allow"]).toBe("GET, HEAD, POST");
      expect(await res.text()).toBe("Method Not Allowed\n");
    }
    expect((await apiRequest(request, s, r.id)).status).toBe("requested");
  });
});
