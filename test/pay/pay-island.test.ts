// The pay page's hydration hand-off (components/pay/pay-island.tsx): the props travel inside the
// HTML as inert JSON, which partner- and merchant-written text (memo, names) must not be able to
// break out of, and which must parse back to exactly the props the server rendered with.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { jsonForScript, PAY_PROPS_ID, PayIsland } from "@/components/pay/pay-island";
import { payViewProps } from "@/lib/pay-page/view-props";
import { loadPayPage } from "@/lib/pay-page/load-pay-page";
import { db } from "@/lib/db";
import { insertRequest, makePaymentSetup } from "../support/request-fixtures";

const HOSTILE = `</script><script>alert(1)</script><!-- \u2028\u2029 "quoted" & <b>`;

describe("jsonForScript", () => {
  it("keeps every < out of the markup and parses back to the same value", () => {
    const value = { memo: HOSTILE, nested: ["</SCRIPT", "<!--"] };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe("PayIsland", () => {
  async function props() {
    const s = await makePaymentSetup();
    const r = await insertRequest({
      partnerId: s.partner.id, merchantId: s.merchant.id, usdcMicro: 27_500_000n, receivingWallet: s.merchant.walletAddress!,
      chainId: 31337, usdcContract: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
    });
    await db.paymentRequest.update({ where: { id: r.id }, data: { memo: HOSTILE } });
    return payViewProps((await loadPayPage(r.id))!, "en", null);
  }
  const assets = { entry: "/assets/pay/pay-ABC.js", preload: ["/assets/pay/chunk-1.js"] };

  it("embeds the props as JSON a hostile memo cannot escape, and loads the bundle as a module", async () => {
    const view = await props();
    const html = renderToStaticMarkup(createElement(PayIsland, { props: view, assets }));
    // Exactly our two script elements: the JSON and the module; the memo opened none.
    expect(html.match(/<script/g)).toHaveLength(2);
    const json = new RegExp(`<script id="${PAY_PROPS_ID}" type="application/json">([^<]*)</script>`).exec(html)?.[1];
    expect(JSON.parse(json!)).toEqual(JSON.parse(JSON.stringify(view)));
    expect(view.data.memo).toBe(HOSTILE);
    expect(html).toContain('<link rel="modulepreload" href="/assets/pay/chunk-1.js"/>');
    expect(html).toContain('<script type="module" src="/assets/pay/pay-ABC.js"></script>');
  });

  it("renders the page alone when there is no bundle (development: Next hydrates it)", async () => {
    const html = renderToStaticMarkup(createElement(PayIsland, { props: await props(), assets: null }));
    expect(html).not.toContain("<script");
    expect(html).toContain('data-testid="memo"');
  });
});
