// The pay page's data loader and the requested → opened rule against the real database.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadPayPage } from "@/lib/pay-page/load-pay-page";
import { markOpened } from "@/lib/pay-page/mark-opened";
import { insertRequest, makePaymentSetup } from "../support/request-fixtures";

const CHAIN = 31337;
const USDC = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

async function setup(opts: Partial<Parameters<typeof insertRequest>[0]> = {}) {
  const s = await makePaymentSetup({ testMode: opts.testMode });
  const request = await insertRequest({
    partnerId: s.partner.id,
    merchantId: s.merchant.id,
    usdcMicro: 27_500_042n,
    receivingWallet: s.merchant.walletAddress!,
    chainId: CHAIN,
    usdcContract: USDC,
    ...opts,
  });
  return { ...s, request };
}

const row = (id: string) => db.paymentRequest.findUniqueOrThrow({ where: { id } });

describe("loadPayPage", () => {
  it("returns the public view: branding, merchant, exact amount, chain, EIP-681 URI — no metadata", async () => {
    const { request, partner, merchant } = await setup({ metadata: { order_id: "SECRET-ORDER" } });
    await db.partner.update({ where: { id: partner.id }, data: { brandPrimaryColor: "#ff0000", brandLogoUrl: "https://cdn.example/logo.png" } });
    await db.paymentRequest.update({ where: { id: request.id }, data: { memo: "Table 4", customerEmail: "c@example.com" } });

    const data = await loadPayPage(request.id);
    expect(data).not.toBeNull();
    expect(data!.partner).toMatchObject({ name: partner.name, slug: partner.slug, primaryColor: "#ff0000", logoUrl: "https://cdn.example/logo.png" });
    expect(data!.merchantName).toBe("Test Shop");
    expect(data!.memo).toBe("Table 4");
    expect(data!.customerName).toBeNull();
    expect(data!.status).toMatchObject({ request_id: request.id, status: "requested", proof_status: "none", amount: { fiat_int: 2500, fiat_code: "EUR", usdc_micro: "27500042" } });
    expect(data!.chain).toMatchObject({ chainId: CHAIN, name: "Local Anvil", explorerTxUrl: null });
    expect(data!.paymentUri).toBe(
      `ethereum:0x5FbDB2315678afecb367f032d93F642f64180aa3@31337/transfer?address=${(await import("viem")).getAddress(merchant.walletAddress!)}&uint256=27500042`,
    );
    expect(JSON.stringify(data)).not.toContain("SECRET-ORDER");
    expect(JSON.stringify(data)).not.toContain("c@example.com");
  });

  it("shows the customer name only in invoice mode", async () => {
    const { request } = await setup();
    await db.paymentRequest.update({ where: { id: request.id }, data: { customerName: "Jan Jansen" } });
    expect((await loadPayPage(request.id))!.customerName).toBeNull();
    await db.paymentRequest.update({ where: { id: request.id }, data: { paymentMode: "invoice" } });
    expect((await loadPayPage(request.id))!.customerName).toBe("Jan Jansen");
  });

  it("drops branding values that are not safe to put in the page", async () => {
    const { request, partner } = await setup();
    await db.partner.update({
      where: { id: partner.id },
      data: { brandPrimaryColor: "red;background:url(https://evil)", brandLogoUrl: "javascript:alert(1)" },
    });
    const data = await loadPayPage(request.id);
    expect(data!.partner.primaryColor).toBe("#1d4ed8");
    expect(data!.partner.logoUrl).toBeNull();
  });

  it("returns null for unknown and malformed ids", async () => {
    expect(await loadPayPage("0190a0b0-0000-7000-8000-000000000000")).toBeNull();
    expect(await loadPayPage("not-a-uuid")).toBeNull();
    expect(await loadPayPage("'; DROP TABLE payment_requests; --")).toBeNull();
  });

  it("reports a rejected underpayment with expected and received amounts", async () => {
    const { request } = await setup();
    const h = `0x${randomBytes(32).toString("hex")}`;
    await db.proof.create({
      data: { requestId: request.id, chainId: CHAIN, txHash: h, activeTxHash: null, source: "pay_page", outcome: "rejected", rejectionReason: "underpaid", expectedMicro: 27_500_042n, receivedMicro: 20_000_000n, rejectedAt: new Date() },
    });
    const data = await loadPayPage(request.id);
    expect(data!.status.rejection).toEqual({ tx_hash: h, reason: "underpaid", expected_usdc_micro: "27500042", received_usdc_micro: "20000000" });
  });
});

describe("markOpened", () => {
  it("moves requested → opened once and keeps the first openedAt", async () => {
    const { request } = await setup();
    const first = new Date(Date.now() - 1000);
    expect(await markOpened(request.id, first)).toBe(true);
    expect(await row(request.id)).toMatchObject({ status: "opened", openedAt: first });

    expect(await markOpened(request.id, new Date())).toBe(false);
    expect((await row(request.id)).openedAt).toEqual(first);
  });

  it("opens once under concurrent first views", async () => {
    const { request } = await setup();
    const results = await Promise.all(Array.from({ length: 5 }, () => markOpened(request.id)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await row(request.id)).status).toBe("opened");
  });

  it.each(["voided", "expired"] as const)("leaves a %s request untouched", async (status) => {
    const { request } = await setup({ status });
    expect(await markOpened(request.id)).toBe(false);
    expect(await row(request.id)).toMatchObject({ status, openedAt: null });
  });

  it("does not open a request already past its expiry that the sweeper has not reached", async () => {
    const { request } = await setup({ createdAt: new Date(Date.now() - 2 * 3600_000), expiresAt: new Date(Date.now() - 60_000) });
    expect(await markOpened(request.id)).toBe(false);
    expect(await row(request.id)).toMatchObject({ status: "requested", openedAt: null });
  });

  it("emits no webhook event (opened is not an event type)", async () => {
    const { request } = await setup();
    await markOpened(request.id);
    expect(await db.event.count({ where: { requestId: request.id } })).toBe(0);
  });
});
