// What the pay page specs set up through the real CLI and API: a partner with a key, an onboarded
// merchant, payment requests; plus a USDC transfer on the test chain, reading a payment's USDC
// logs back from the chain, and screenshot helpers.
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { createPublicClient, createWalletClient, erc20Abi, http, parseEventLogs, type Address, type Hash } from "viem";
import { eip3009Abi } from "../../lib/payments/eip3009";
import { jopay } from "./cli";

const SHOTS = "e2e/screenshots";
mkdirSync(SHOTS, { recursive: true });

export const env = () => ({
  rpcUrl: process.env.E2E_RPC_URL!,
  usdc: process.env.E2E_USDC! as Address,
  accounts: process.env.E2E_ACCOUNTS!.split(",") as Address[],
  chainId: Number(process.env.LIVE_CHAIN_ID ?? 31337),
});

export interface Setup {
  slug: string;
  key: string;
  merchantId: string;
  wallet: string;
}

export async function setupMerchant(request: APIRequestContext, mode: "live" | "test", businessName = "Café Aurora", partnerName = "Aurora Payments"): Promise<Setup> {
  const slug = `pay${randomBytes(4).toString("hex")}`;
  jopay("partner:create", "--slug", slug, "--name", partnerName, "--currency", "EUR");
  const { key } = jopay<{ key: string }>("key:create", "--partner", slug, "--mode", mode);
  const wallet = `0x${randomBytes(20).toString("hex")}`;
  const res = await request.post("/api/v1/merchants", { headers: { authorization: `Bearer ${key}` }, data: { business_name: businessName, wallet_address: wallet } });
  expect([200, 201]).toContain(res.status());
  const merchantId = (await res.json()).merchant_id as string;
  jopay("merchant:onboard-dev", "--partner", slug, "--merchant", merchantId, "--wallet", wallet);
  return { slug, key, merchantId, wallet };
}

export async function createRequest(request: APIRequestContext, s: Setup, data: Record<string, unknown> = {}) {
  const res = await request.post("/api/v1/requests/create", {
    headers: { authorization: `Bearer ${s.key}` },
    data: { merchant_id: s.merchantId, fiat_amount_int: 2500, memo: "Table 4, two coffees", ...data },
  });
  expect([200, 201]).toContain(res.status());
  const body = await res.json();
  return { id: body.request_id as string, path: new URL(body.pay_page_url as string).pathname, usdcMicro: BigInt(body.amount.usdc_micro as string) };
}

export async function apiRequest(request: APIRequestContext, s: Setup, id: string) {
  const res = await request.get(`/api/v1/requests/${id}`, { headers: { authorization: `Bearer ${s.key}` } });
  expect(res.status()).toBe(200);
  return res.json();
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
export const statusBox = (page: Page) => page.getByTestId("pay-status");

export async function sendUsdc(from: Address, to: string, amount: bigint) {
  const { rpcUrl, usdc } = env();
  const client = createWalletClient({ transport: http(rpcUrl) });
  return client.writeContract({ account: from, chain: null, address: usdc, abi: erc20Abi, functionName: "transfer", args: [to as Address, amount] });
}

/** A tx's receipt, read from anvil, and the logs the USDC contract emitted in it, decoded. */
export async function usdcLogsOf(hash: string) {
  const { rpcUrl, usdc } = env();
  const client = createPublicClient({ transport: http(rpcUrl), cacheTime: 0 });
  const receipt = await client.waitForTransactionReceipt({ hash: hash as Hash, pollingInterval: 100, timeout: 20_000 });
  const fromUsdc = receipt.logs.filter((l) => l.address.toLowerCase() === usdc.toLowerCase());
  return { receipt, logs: parseEventLogs({ abi: [...erc20Abi, ...eip3009Abi], logs: fromUsdc }) };
}

/** Moves a request's expiry into the past, as time would (the sweeper may then expire it). */
export async function expireNow(requestId: string) {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    await db.query(`UPDATE payment_requests SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [requestId]);
  } finally {
    await db.end();
  }
}
