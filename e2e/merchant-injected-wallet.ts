// An EIP-1193 "wallet" for Playwright: window.ethereum forwards every call through an exposed
// binding to anvil, whose dev accounts are unlocked — so personal_sign and transactions are real
// signatures from the chain node, and the production bundle carries no test-only connector.
import type { Page } from "@playwright/test";

/**
 * `signer`: for a smart-contract wallet, the wallet shows `address` (the contract) while its owner
 * key — an unlocked anvil account — signs messages, as Coinbase Smart Wallet or Safe do.
 */
export async function injectWallet(page: Page, rpcUrl: string, address: string, opts: { signer?: string } = {}) {
  await page.exposeBinding("__jopayTestWallet", async (_source, method: string, params: unknown[]) => {
    if (method === "eth_requestAccounts" || method === "eth_accounts") return [address];
    if (method === "personal_sign" && opts.signer) params = [params[0], opts.signer];
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params ?? [] }),
    });
    const body = (await res.json()) as { result?: unknown; error?: { message: string } };
    if (body.error) throw new Error(body.error.message);
    return body.result;
  });
  await page.addInitScript(() => {
    const call = (window as unknown as { __jopayTestWallet: (m: string, p: unknown[]) => Promise<unknown> }).__jopayTestWallet;
    (window as unknown as { ethereum: unknown }).ethereum = {
      isJoPayTestWallet: true,
      request: ({ method, params }: { method: string; params?: unknown[] }) => call(method, params ?? []),
      on() {},
      removeListener() {},
    };
  });
}
