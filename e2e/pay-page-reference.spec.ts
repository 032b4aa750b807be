// How the pay page's payments reach the merchant besides the signed EIP-3009 authorization
// (pay-page.spec.ts): a wallet that cannot sign typed data falls back to a plain transfer, a refused
// signature is a refusal like a refused transaction, and a transfer made from the QR code's
// EIP-681 URI, outside the browser and with no proof pasted, is found by the transfer watcher
// (running in the web process here: JOPAY_SINGLE_PROCESS) and turns the open page to paid.
import { expect, test } from "@playwright/test";
import { createWalletClient, erc20Abi, getAddress, http, type Address } from "viem";
import { injectWallet } from "./support/injected-wallet";
import { apiRequest, createRequest, env, setupMerchant, statusBox, usdcLogsOf } from "./support/pay-setup";

test.describe("pay page: fallbacks and the QR code", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a wallet without typed-data signing pays with a plain transfer and the page reaches paid", async ({ page, request }) => {
    const s = await setupMerchant(request, "live");
    const r = await createRequest(request, s);
    const { rpcUrl, accounts, chainId } = env();
    const wallet = await injectWallet(page, { rpcUrl, account: accounts[2], chainId, typedData: false });
    await page.goto(r.path);

    await page.getByRole("button", { name: "Pay with wallet" }).click();
    await expect(statusBox(page)).toHaveAttribute("data-phase", "confirmed", { timeout: 30_000 });
    // It was asked, said 4200, and the page sent transfer() instead of giving up.
    expect(wallet.calls).toEqual(expect.arrayContaining(["eth_signTypedData_v4", "eth_sendTransaction"]));
    const txHash = (await page.getByTestId("receipt-tx").textContent())!;
    expect(await apiRequest(request, s, r.id)).toMatchObject({ proof_status: "verified", tx_hash: txHash });
    const { logs } = await usdcLogsOf(txHash);
    expect(logs.map((l) => [l.eventName, l.args])).toEqual([["Transfer", { from: getAddress(accounts[2]), to: getAddress(s.wallet), value: r.usdcMicro }]]);
  });

  test("a refused signature (4001) sends nothing and says so; the retry pays", async ({ page, request }) => {
    const s = await setupMerchant(request, "live");
    const r = await createRequest(request, s);
    const { rpcUrl, accounts, chainId } = env();
    const wallet = await injectWallet(page, { rpcUrl, account: accounts[3], chainId });
    await page.goto(r.path);

    wallet.failNext("eth_signTypedData_v4", { code: 4001, message: "User rejected the request." });
    await page.getByRole("button", { name: "Pay with wallet" }).click();
    await expect(page.getByTestId("wallet-error")).toHaveText("You cancelled the request in your wallet. Nothing was sent.");
    expect(wallet.calls).not.toContain("eth_sendTransaction");
    expect((await apiRequest(request, s, r.id)).proof_status).toBe("none");

    await page.getByRole("button", { name: "Try again" }).click();
    await expect(statusBox(page)).toHaveAttribute("data-phase", "confirmed", { timeout: 30_000 });
    const { logs } = await usdcLogsOf((await page.getByTestId("receipt-tx").textContent())!);
    expect(logs.map((l) => l.eventName)).toEqual(["AuthorizationUsed", "Transfer"]);
  });

  test("a transfer to the QR code's amount, sent from another wallet with no proof, turns the page to paid", async ({ page, request }) => {
    const s = await setupMerchant(request, "live");
    const r = await createRequest(request, s);
    const { rpcUrl, usdc, accounts, chainId } = env();
    await page.goto(r.path);
    await expect(statusBox(page)).toHaveAttribute("data-phase", "waiting");

    // EIP-681: ethereum:<token>@<chain id>/transfer?address=<recipient>&uint256=<micro units>
    const uri = (await page.getByTestId("pay-qr").getAttribute("data-uri"))!;
    const m = /^ethereum:(0x[0-9a-fA-F]{40})@(\d+)\/transfer\?address=(0x[0-9a-fA-F]{40})&uint256=(\d+)$/.exec(uri);
    expect(m, uri).not.toBeNull();
    const [, token, uriChain, to, micro] = m!;
    expect([token.toLowerCase(), Number(uriChain), to.toLowerCase(), BigInt(micro)]).toEqual([usdc.toLowerCase(), chainId, s.wallet.toLowerCase(), r.usdcMicro]);

    // What a wallet app does with the scanned URI, from an account the page knows nothing of.
    const client = createWalletClient({ transport: http(rpcUrl) });
    const hash = await client.writeContract({ account: accounts[4], chain: null, address: token as Address, abi: erc20Abi, functionName: "transfer", args: [to as Address, BigInt(micro)] });
    expect((await usdcLogsOf(hash)).receipt.status).toBe("success");

    await expect(statusBox(page)).toHaveAttribute("data-phase", "confirmed", { timeout: 30_000 });
    await expect(page.getByTestId("receipt-tx")).toHaveText(hash);
    expect(await apiRequest(request, s, r.id)).toMatchObject({ proof_status: "verified", tx_hash: hash });
  });
});
