// The pay page's data and server render for the surfaces around the payment: which partner's
// host it is asked on (SPEC §1) and whether WalletConnect is offered (only with a project id).
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { PayView } from "@/components/pay/pay-view";
import { resetConfigForTests } from "@/lib/config";
import { payViewProps } from "@/lib/pay-page/view-props";
import { loadPayPage, type PayPageData } from "@/lib/pay-page/load-pay-page";
import { insertRequest, makePaymentSetup } from "../support/request-fixtures";

const savedProjectId = process.env.WALLETCONNECT_PROJECT_ID;
afterEach(() => {
  if (savedProjectId === undefined) delete process.env.WALLETCONNECT_PROJECT_ID;
  else process.env.WALLETCONNECT_PROJECT_ID = savedProjectId;
  resetConfigForTests();
});

async function setup() {
  const s = await makePaymentSetup();
  const request = await insertRequest({
    partnerId: s.partner.id,
    merchantId: s.merchant.id,
    usdcMicro: 27_500_000n,
    receivingWallet: s.merchant.walletAddress!,
    chainId: 31337,
    usdcContract: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
  });
  return { ...s, request };
}

/** The page body exactly as the server renders it (interactive parts in their initial state). */
async function render(data: PayPageData): Promise<string> {
  return renderToString(createElement(PayView, await payViewProps(data, "en", null)));
}

describe("loadPayPage on a partner host", () => {
  it("shows the request on its own partner's host and on the bare host, with that partner's branding", async () => {
    const { request, partner } = await setup();
    const onOwnHost = await loadPayPage(request.id, { host: `${partner.slug}.localhost:3000` });
    expect(onOwnHost?.partner).toMatchObject({ slug: partner.slug, name: partner.name });
    const onBareHost = await loadPayPage(request.id, { host: "localhost:3000" });
    expect(onBareHost?.partner.slug).toBe(partner.slug);
    // Hosts that are not ours change nothing (the Host header can only narrow, never widen).
    expect((await loadPayPage(request.id, { host: "pay.evil.example" }))?.requestId).toBe(request.id);
  });

  it("does not show another partner's request on a partner host (404, like an unknown id)", async () => {
    const { request } = await setup();
    const other = await setup();
    expect(await loadPayPage(request.id, { host: `${other.partner.slug}.localhost:3000` })).toBeNull();
    // A partner host of a slug nobody has shows nothing either.
    expect(await loadPayPage(request.id, { host: "nosuchpartner.localhost:3000" })).toBeNull();
  });
});

describe("WalletConnect choice", () => {
  it("is absent without a project id: no prop, no button", async () => {
    delete process.env.WALLETCONNECT_PROJECT_ID;
    resetConfigForTests();
    const { request } = await setup();
    const data = (await loadPayPage(request.id))!;
    expect(data).not.toHaveProperty("walletConnectProjectId");
    const html = await render(data);
    expect(html).toContain("Pay with wallet");
    expect(html).not.toContain("WalletConnect");
  });

  it("renders next to the browser-wallet button when a project id is configured", async () => {
    process.env.WALLETCONNECT_PROJECT_ID = "0123456789abcdef0123456789abcdef";
    resetConfigForTests();
    const { request } = await setup();
    const data = (await loadPayPage(request.id))!;
    expect(data.walletConnectProjectId).toBe("0123456789abcdef0123456789abcdef");
    const html = await render(data);
    expect(html).toContain("Pay with wallet");
    expect(html).toMatch(/<button[^>]*data-testid="walletconnect-button"[^>]*>.*Pay with WalletConnect/);
  });

  it("an empty project id counts as not configured", async () => {
    process.env.WALLETCONNECT_PROJECT_ID = "";
    resetConfigForTests();
    const { request } = await setup();
    expect(await render((await loadPayPage(request.id))!)).not.toContain("WalletConnect");
  });
});
