// A partner lets its POS screens or checkout frame its pay pages (issue 15): the settings action
// accepts origins only — https (http for localhost), no path, no wildcard, nothing that could break
// out of the header — stores them normalised, and the pay page's policy names exactly those.
import { beforeAll, describe, expect, it } from "vitest";
import { updateBrandingAction } from "@/lib/console/actions/settings";
import { db } from "@/lib/db";
import { frameAncestorOrigins, payPageCsp } from "@/lib/pay-page/content-security-policy";
import { loadPayPage } from "@/lib/pay-page/load-pay-page";
import { makeOnboardedMerchant, makePartner } from "../support/fixtures";
import { insertRequest } from "../support/request-fixtures";
import { makeUser, sessionFor } from "./support";

const branding = { name: "Framing Co", currency: "EUR", brandLogoUrl: "", brandPrimaryColor: "#000000", brandAccentColor: "#ffffff", allowedExpiryMinutes: [60], defaultPosExpiryMinutes: 60, onboardingRequiredFields: [] };

let partnerId: string;
let ctx: { session: Awaited<ReturnType<typeof sessionFor>>; testMode: boolean };
beforeAll(async () => {
  partnerId = (await makePartner()).partner.id;
  ctx = { session: await sessionFor((await makeUser("partner_member", partnerId)).id), testMode: false };
});

describe("pay page framing origins", () => {
  it("accepts origins, normalised; refuses anything else with the offending value named", () => {
    expect(frameAncestorOrigins.parse(["https://POS.example.com/", "https://shop.example.com:8443", "http://localhost:3000"])).toEqual([
      "https://pos.example.com",
      "https://shop.example.com:8443",
      "http://localhost:3000",
    ]);
    for (const bad of ["http://pos.example.com", "https://a.example.com/checkout", "*", "https://*.example.com", "https://a.com; script-src *", "javascript:alert(1)", "https://u:p@a.com", "pos.example.com"]) {
      const r = frameAncestorOrigins.safeParse([bad]);
      expect(r.success, bad).toBe(false);
    }
    expect(payPageCsp()).toContain("frame-ancestors 'none'");
    expect(payPageCsp(["https://pos.example.com", "https://b.example"])).toContain("frame-ancestors https://pos.example.com https://b.example");
  });

  it("the console saves them (deduplicated, audited) and the pay page uses them; clearing goes back to none", async () => {
    await updateBrandingAction(ctx, { ...branding, payPageFrameAncestors: ["https://pos.example.com/", "https://pos.example.com"] });
    expect((await db.partner.findUniqueOrThrow({ where: { id: partnerId } })).payPageFrameAncestors).toEqual(["https://pos.example.com"]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { partnerId, action: "partner.branding_updated" }, orderBy: { createdAt: "desc" } });
    expect(audit.after).toMatchObject({ payPageFrameAncestors: ["https://pos.example.com"] });

    const m = await makeOnboardedMerchant(partnerId);
    const r = await insertRequest({ partnerId, merchantId: m.id, usdcMicro: 1_000_000n, receivingWallet: m.walletAddress!, chainId: 31337, usdcContract: "0x5fbdb2315678afecb367f032d93f642f64180aa3" });
    expect((await loadPayPage(r.id))!.frameAncestors).toEqual(["https://pos.example.com"]);

    await expect(updateBrandingAction(ctx, { ...branding, payPageFrameAncestors: ["https://pos.example.com; frame-ancestors *"] })).rejects.toThrow();
    await updateBrandingAction(ctx, { ...branding, payPageFrameAncestors: [] });
    expect((await loadPayPage(r.id))!.frameAncestors).toEqual([]);
  });
});
