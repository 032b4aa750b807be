// The dashboard, request page and POS screen rendered as the signed-in merchant's browser would get
// them: in the pay page's languages, chosen the same way (the switcher's choice, else
// Accept-Language, else English); states as words; totals in the merchant's money; and a simulated
// payment called simulated wherever its made-up transaction would show.
import { randomBytes } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import MerchantLayout from "@/app/(merchant)/layout";
import { chooseLanguage } from "@/app/(merchant)/merchant/actions";
import MerchantHome from "@/app/(merchant)/merchant/page";
import PosScreen from "@/app/(merchant)/merchant/pos/[id]/page";
import RequestDetail from "@/app/(merchant)/merchant/requests/[id]/page";
import { db } from "@/lib/db";
import type { Merchant, PaymentRequest } from "@/lib/generated/prisma/client";
import { makeOnboardedMerchant, makePartner } from "../support/fixtures";
import { insertRequest } from "../support/request-fixtures";
import { merchantCookie } from "../support/sessions";
import { asBrowser, Browser, nextControlFlow } from "./request-scope";

vi.mock("next/headers", async () => (await import("./request-scope")).nextHeaders);
// A paid request's refunds section calls useRouter(), which needs a mounted app router; rendering only needs a stub.
vi.mock("next/navigation", async (actual) => ({ ...(await actual<typeof import("next/navigation")>()), useRouter: () => ({ refresh() {}, replace() {}, push() {} }) }));

const browserOf = async (m: Merchant, lang?: { accept?: string; cookie?: string }) => {
  const b = new Browser(await merchantCookie(m.id, m.walletAddress!));
  if (lang?.accept) b.headers["accept-language"] = lang.accept;
  if (lang?.cookie) b.cookies.set("jopay_lang", lang.cookie);
  return b;
};

const render = (b: Browser, page: () => Promise<React.ReactElement>) => asBrowser(b, async () => renderToStaticMarkup(await page()));
const home = (b: Browser) => render(b, () => MerchantHome({ searchParams: Promise.resolve({}) }));
const detail = (b: Browser, id: string) => render(b, () => RequestDetail({ params: Promise.resolve({ id }) }));
const pos = (b: Browser, id: string) => render(b, () => PosScreen({ params: Promise.resolve({ id }) }));
const layoutLang = async (b: Browser) => /<html lang="([a-z]+)"/.exec(await render(b, () => MerchantLayout({ children: null })))![1];

/** The text inside the element with this data-testid (the first one), tags stripped. */
function testIdText(html: string, id: string): string {
  const at = html.indexOf(`data-testid="${id}"`);
  if (at < 0) return "";
  const open = html.lastIndexOf("<", at);
  const tag = /^<([a-z0-9]+)/.exec(html.slice(open))![1];
  let depth = 0;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, "g");
  re.lastIndex = open;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(open, m.index).replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ").trim();
  }
  return "";
}

const CHAIN = 31337;
const hash = () => `0x${randomBytes(32).toString("hex")}`;

/** A request paid now, with its verified proof. */
async function paidNow(m: Merchant, o: { simulated?: boolean; chainId?: number; fiat?: number; received?: bigint; memo?: string } = {}): Promise<PaymentRequest> {
  const r = await insertRequest({ partnerId: m.partnerId, merchantId: m.id, testMode: m.testMode, receivingWallet: m.walletAddress!, chainId: o.chainId ?? CHAIN, usdcContract: `0x${"1".repeat(40)}`, usdcMicro: 13_750_000n });
  const txHash = hash();
  const now = new Date();
  await db.proof.create({
    data: { requestId: r.id, chainId: o.chainId ?? CHAIN, txHash, activeTxHash: txHash, source: o.simulated ? "simulated" : "pay_page", simulated: o.simulated ?? false, expectedMicro: r.usdcMicro, outcome: "verified", receivedMicro: o.received ?? r.usdcMicro, overpaidMicro: (o.received ?? r.usdcMicro) - r.usdcMicro, verifiedAt: now },
  });
  return db.paymentRequest.update({ where: { id: r.id }, data: { proofStatus: "verified", txHash, proofVerifiedAt: now, fiatAmountInt: o.fiat ?? 1250, memo: o.memo ?? "Two croissants" } });
}

describe("language", () => {
  let m: Merchant;
  beforeAll(async () => {
    const { partner } = await makePartner();
    m = await makeOnboardedMerchant(partner.id);
    await paidNow(m);
    const voided = await insertRequest({ partnerId: m.partnerId, merchantId: m.id, receivingWallet: m.walletAddress!, chainId: CHAIN, usdcContract: `0x${"1".repeat(40)}`, usdcMicro: 1_000_000n });
    await db.paymentRequest.update({ where: { id: voided.id }, data: { status: "voided" } });
  });

  const cases: [string, { accept?: string; cookie?: string }, string, string[], string[]][] = [
    ["no preference: English", {}, "en", ["New payment link", "Received", ">Paid<", ">Cancelled<", "Sign out"], ["Pagado"]],
    ["Accept-Language es", { accept: "es-ES,es;q=0.9,en;q=0.5" }, "es", ["Nuevo enlace de pago", "Recibido", ">Pagado<", ">Cancelada<", "Cerrar sesión", "12,50"], [">Paid<", "Sign out"]],
    ["Accept-Language pt-BR, quality-ordered", { accept: "de;q=0.9,pt-BR;q=0.95,en;q=0.1" }, "pt", ["Novo link de pagamento", ">Pago<", ">Cancelado<"], [">Paid<"]],
    ["the switcher's choice beats Accept-Language", { accept: "es", cookie: "fr" }, "fr", ["Nouveau lien de paiement", ">Payé<", ">Annulée<", "Encaissé"], ["Pagado"]],
    ["Dutch by choice", { cookie: "nl" }, "nl", ["Nieuwe betaallink", ">Betaald<", ">Geannuleerd<"], [">Paid<"]],
    ["an unknown choice falls back to Accept-Language", { accept: "es", cookie: "xx" }, "es", [">Pagado<"], [">Paid<"]],
  ];

  it.each(cases)("%s", async (_what, lang, locale, present, absent) => {
    const b = await browserOf(m, lang);
    const html = await home(b);
    for (const text of present) expect(html).toContain(text);
    for (const text of absent) expect(html).not.toContain(text);
    expect(await layoutLang(b)).toBe(locale);
    // The switcher names every language in itself, the current one marked.
    expect(html).toMatch(new RegExp(`<button type="submit" lang="${locale}" aria-current="true"`));
    for (const name of ["English", "Español", "Português", "Nederlands", "Français"]) expect(html).toContain(`>${name}</button>`);
  });

  it("the switcher remembers a language and goes back to the merchant page it came from — only to one", async () => {
    const b = await browserOf(m, { accept: "es" });
    expect(await asBrowser(b, () => nextControlFlow(() => chooseLanguage("nl", "/merchant?q=coffee&state=paid")))).toMatch(/^NEXT_REDIRECT;[a-z]+;\/merchant\?q=coffee&state=paid;/);
    expect(b.cookies.get("jopay_lang")).toBe("nl");
    expect(await layoutLang(b)).toBe("nl");
    expect(await asBrowser(b, () => nextControlFlow(() => chooseLanguage("xx", "https://evil.example/")))).toMatch(/^NEXT_REDIRECT;[a-z]+;\/merchant;/);
    expect(b.cookies.get("jopay_lang")).toBe("nl");
    expect(await asBrowser(b, () => nextControlFlow(() => chooseLanguage("fr", "//evil.example/merchant")))).toMatch(/^NEXT_REDIRECT;[a-z]+;\/merchant;/);
    expect(b.cookies.get("jopay_lang")).toBe("fr");
  });
});

describe("totals and states on the page", () => {
  it("today's total is what came in today, in the merchant's currency and in USDC received; an overpayment reads 'Paid — overpaid'", async () => {
    const { partner } = await makePartner();
    const m = await makeOnboardedMerchant(partner.id);
    await paidNow(m, { fiat: 1250 });
    await paidNow(m, { fiat: 2000, received: 13_750_000n + 2_500_001n, memo: "Cake" });
    const b = await browserOf(m);
    const html = await home(b);
    expect(testIdText(html, "total-today")).toBe("Today €32.50 30.000001 USDC 2 payments");
    expect(testIdText(html, "total-30d")).toBe("Last 30 days €32.50 30.000001 USDC 2 payments");
    expect(html).toContain(">Paid — overpaid<");
    expect(html).toMatch(/role="img" aria-label="30\.000001 USDC received in the last 30 days; best day [A-Z][a-z]{2} \d{1,2} with 30\.000001 USDC\."/);
    // In French the same money is written the French way.
    b.cookies.set("jopay_lang", "fr");
    expect(testIdText(await home(b), "total-today")).toBe("Aujourd'hui 32,50 € 30,000001 USDC 2 paiements");
  });
});

describe("a simulated payment is called simulated", () => {
  let m: Merchant;
  let sim: PaymentRequest;
  let real: PaymentRequest;
  beforeAll(async () => {
    const { partner } = await makePartner();
    m = await makeOnboardedMerchant(partner.id, { testMode: true });
    sim = await paidNow(m, { simulated: true });
    // A real payment on Base (8453), whose explorer JoPay knows.
    real = await paidNow(m, { chainId: 8453 });
  });

  it("in the list, on the request page (no made-up hash, no explorer link) and on the POS receipt", async () => {
    const b = await browserOf(m);
    const list = await home(b);
    expect(testIdText(list, "request-list")).toMatch(/Paid simulated/);

    const page = await detail(b, sim.id);
    expect(testIdText(page, "detail-transaction")).toBe("simulated Simulated payment (test mode): no money moved and no transaction exists on any chain.");
    expect(page).not.toContain(sim.txHash!);
    expect(page).not.toContain('data-testid="explorer-link"');

    const receipt = await pos(b, sim.id);
    expect(receipt).toContain('data-testid="pos-paid"');
    expect(testIdText(receipt, "receipt-tx")).toMatch(/^simulated Simulated payment/);
    expect(receipt).not.toContain(sim.txHash!);
    // The QR is gone once paid.
    expect(receipt).not.toContain("<svg xmlns");
    expect(receipt).not.toContain(`/pay/${sim.id}`);
  });

  it("a real payment shows its transaction and the explorer link instead", async () => {
    const b = await browserOf(m);
    const page = await detail(b, real.id);
    expect(testIdText(page, "detail-tx-hash")).toBe(real.txHash);
    expect(page).toContain(`href="https://basescan.org/tx/${real.txHash}"`);
    expect(page).not.toContain('data-testid="simulated-note"');
    const receipt = await pos(b, real.id);
    expect(testIdText(receipt, "receipt-tx-hash")).toBe(real.txHash);
    expect(testIdText(receipt, "pos-status")).toBe("Paid");
    expect(testIdText(receipt, "pos-amount")).toBe("€12.50");
  });

  it("another merchant's request is a 404 on the request page and the POS screen", async () => {
    const { partner } = await makePartner();
    const other = await makeOnboardedMerchant(partner.id, { testMode: true });
    const b = await browserOf(other);
    await expect(asBrowser(b, () => nextControlFlow(() => RequestDetail({ params: Promise.resolve({ id: sim.id }) })))).resolves.toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    await expect(asBrowser(b, () => nextControlFlow(() => PosScreen({ params: Promise.resolve({ id: sim.id }) })))).resolves.toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
  });
});
