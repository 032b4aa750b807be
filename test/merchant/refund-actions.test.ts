// The request page's refund actions (app/(merchant)/merchant/requests/[id]/refund-actions.ts) and
// its refunds section, run as the merchant's browser would run them (real next-auth session, real
// PostgreSQL, the real lib/refunds/ domain): signed out everything is refused; merchant A aimed at
// merchant B's request or refunds is refused and B stays unchanged; A's own refund goes
// created → prepared (the ERC-20 transfer from A's wallet) → submitted; a partner's ask is approved
// or declined; and the section names every refund status in the dashboard's five languages.
import { randomBytes } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { encodeFunctionData, erc20Abi, getAddress } from "viem";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as refundActions from "@/app/(merchant)/merchant/requests/[id]/refund-actions";
import RequestDetail from "@/app/(merchant)/merchant/requests/[id]/page";
import { db } from "@/lib/db";
import type { Merchant, PaymentRequest } from "@/lib/generated/prisma/client";
import { createRefund } from "@/lib/refunds/create-refund";
import { makeOnboardedMerchant, makePartner, randomWallet } from "../support/fixtures";
import { insertRequest } from "../support/request-fixtures";
import { merchantCookie } from "../support/sessions";
import { asBrowser, Browser } from "./request-scope";

vi.mock("next/headers", async () => (await import("./request-scope")).nextHeaders);
// The refunds section calls useRouter(), which needs a mounted app router; rendering only needs a stub.
vi.mock("next/navigation", async (actual) => ({ ...(await actual<typeof import("next/navigation")>()), useRouter: () => ({ refresh() {}, replace() {}, push() {} }) }));

const CHAIN = 31337;
const USDC = `0x${"1".repeat(40)}`;
const RECEIVED = 13_750_000n;
const hash = () => `0x${randomBytes(32).toString("hex")}`;

interface Shop {
  merchant: Merchant;
  request: PaymentRequest;
  browser: () => Promise<Browser>;
}

/** A merchant with one request paid (verified), on anvil's chain id unless told. */
async function shop(o: { chainId?: number; simulated?: boolean } = {}): Promise<Shop> {
  const { partner } = await makePartner();
  const merchant = await makeOnboardedMerchant(partner.id);
  const chainId = o.chainId ?? CHAIN;
  const r = await insertRequest({ partnerId: partner.id, merchantId: merchant.id, receivingWallet: merchant.walletAddress!, chainId, usdcContract: USDC, usdcMicro: RECEIVED });
  const txHash = hash();
  const now = new Date();
  const simulated = o.simulated ?? false;
  await db.proof.create({
    data: { requestId: r.id, chainId, txHash, activeTxHash: txHash, source: simulated ? "simulated" : "pay_page", simulated, expectedMicro: RECEIVED, outcome: "verified", receivedMicro: RECEIVED, overpaidMicro: 0n, verifiedAt: now },
  });
  const request = await db.paymentRequest.update({ where: { id: r.id }, data: { proofStatus: "verified", txHash, proofVerifiedAt: now } });
  return { merchant, request, browser: async () => new Browser(await merchantCookie(merchant.id, merchant.walletAddress!)) };
}

const partnerAsk = (s: Shop, amountMicro: bigint, toAddress = randomWallet()) =>
  createRefund({
    requestId: s.request.id,
    amountMicro,
    toAddress,
    reason: "Customer asked",
    initiatedBy: "partner",
    scope: { partnerId: s.merchant.partnerId, testMode: s.merchant.testMode },
    actor: { id: null, email: "test", role: "system" },
  });

const refundsOf = (s: Shop) => db.refund.findMany({ where: { requestId: s.request.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
const snapshot = async (s: Shop) => JSON.stringify(await refundsOf(s), (_k, v) => (typeof v === "bigint" ? v.toString() : v));

let A: Shop;
let B: Shop;
let bAsk: string;

beforeAll(async () => {
  [A, B] = await Promise.all([shop(), shop()]);
  bAsk = (await partnerAsk(B, 1_000_000n)).id;
});

/** Every refund action, aimed at B's request and B's refund. */
const aimedAtB = (): [string, () => Promise<unknown>][] => [
  ["startRefund", () => refundActions.startRefund({ requestId: B.request.id, amount: "1", to: randomWallet() })],
  ["prepareRefund", () => refundActions.prepareRefund(bAsk)],
  ["submitRefund", () => refundActions.submitRefund(bAsk, hash())],
  ["approvePartnerRefund", () => refundActions.approvePartnerRefund(bAsk)],
  ["cancelMerchantRefund", () => refundActions.cancelMerchantRefund(bAsk)],
];

describe("refund actions: who may", () => {
  it("walks every exported refund action", () => {
    const exported = Object.entries(refundActions).filter(([, v]) => typeof v === "function").map(([k]) => k).sort();
    expect(exported).toEqual(aimedAtB().map(([n]) => n).sort());
  });

  it("refuses every action to a signed-out browser and changes nothing", async () => {
    const before = await snapshot(B);
    for (const [name, run] of aimedAtB()) {
      expect([name, await asBrowser(null, run)]).toEqual([name, { ok: false, error: "Your session has ended. Sign in again." }]);
    }
    expect(await snapshot(B)).toBe(before);
  });

  it("merchant A aimed at B's request and refund is refused, and B is unchanged", async () => {
    const browser = await A.browser();
    const before = await snapshot(B);
    for (const [name, run] of aimedAtB()) expect([name, await asBrowser(browser, run)]).toEqual([name, expect.objectContaining({ ok: false })]);
    expect(await asBrowser(browser, () => refundActions.startRefund({ requestId: B.request.id, amount: "1", to: randomWallet() }))).toEqual({
      ok: false,
      error: "This request has no verified payment to refund.",
    });
    expect(await snapshot(B)).toBe(before);
    expect(await refundsOf(A)).toEqual([]);
  });
});

describe("refund actions: the merchant's own refunds", () => {
  it("start → the transfer from the paid wallet → submit; then nothing more than what is left", async () => {
    const browser = await A.browser();
    const to = randomWallet();
    const started = await asBrowser(browser, () => refundActions.startRefund({ requestId: A.request.id, amount: "5,5", to, reason: " Broken cup " }));
    if (!started.ok) throw new Error(started.error);
    const amount = 5_500_000n;
    expect(started.transfer).toEqual({
      chainId: CHAIN,
      usdcContract: getAddress(USDC),
      from: getAddress(A.merchant.walletAddress!),
      to: getAddress(to),
      amountMicro: amount.toString(),
      data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [getAddress(to), amount] }),
    });
    expect(await db.refund.findUniqueOrThrow({ where: { id: started.refundId } })).toMatchObject({
      merchantId: A.merchant.id,
      status: "awaiting_transfer",
      initiatedBy: "merchant",
      amountMicro: amount,
      toAddress: to.toLowerCase(),
      reason: "Broken cup",
    });
    // The same refund prepared again (the list's "Send from your wallet") is the same transfer.
    expect(await asBrowser(browser, () => refundActions.prepareRefund(started.refundId))).toEqual({ ok: true, transfer: started.transfer });

    expect(await asBrowser(browser, () => refundActions.submitRefund(started.refundId, "0x1234"))).toMatchObject({ ok: false });
    const tx = hash();
    expect(await asBrowser(browser, () => refundActions.submitRefund(started.refundId, tx))).toEqual({ ok: true });
    expect(await db.refund.findUniqueOrThrow({ where: { id: started.refundId } })).toMatchObject({ status: "submitted", txHash: tx });
    // Submitted: the chain decides now; the merchant can no longer withdraw it or send it again.
    expect(await asBrowser(browser, () => refundActions.cancelMerchantRefund(started.refundId))).toEqual({
      ok: false,
      error: "This refund has already moved on; the page now shows where it is.",
    });
    expect(await asBrowser(browser, () => refundActions.prepareRefund(started.refundId))).toMatchObject({ ok: false });

    // 13.75 received, 5.5 refunded: 8.25 is all that is left.
    expect(await asBrowser(browser, () => refundActions.startRefund({ requestId: A.request.id, amount: "8.250001", to }))).toEqual({
      ok: false,
      field: "amount",
      error: "Enter an amount above 0 and at most 8.25 USDC.",
    });
    expect(await asBrowser(browser, () => refundActions.startRefund({ requestId: A.request.id, amount: "abc", to }))).toMatchObject({ ok: false, field: "amount" });
    expect(await asBrowser(browser, () => refundActions.startRefund({ requestId: A.request.id, amount: "1", to: "0x12" }))).toEqual({
      ok: false,
      field: "to",
      error: "Enter a wallet address: 0x followed by 40 hexadecimal characters.",
    });
    // Without a receipt naming the payer (this fixture has none), the destination is required.
    expect(await asBrowser(browser, () => refundActions.startRefund({ requestId: A.request.id, amount: "1" }))).toMatchObject({ ok: false, field: "to" });
  });

  it("a partner's ask: approve makes it wait for the wallet; decline cancels it; both in the merchant's language", async () => {
    const browser = await A.browser();
    const approved = await partnerAsk(A, 1_000_000n);
    const declined = await partnerAsk(A, 1_000_000n);
    expect(await asBrowser(browser, () => refundActions.approvePartnerRefund(approved.id))).toEqual({ ok: true });
    expect(await asBrowser(browser, () => refundActions.cancelMerchantRefund(declined.id))).toEqual({ ok: true });
    expect(await db.refund.findUniqueOrThrow({ where: { id: approved.id } })).toMatchObject({ status: "awaiting_transfer" });
    expect(await db.refund.findUniqueOrThrow({ where: { id: declined.id } })).toMatchObject({ status: "cancelled" });
    const es = await A.browser();
    es.headers["accept-language"] = "es";
    expect(await asBrowser(es, () => refundActions.approvePartnerRefund(declined.id))).toEqual({
      ok: false,
      error: "Este reembolso ya ha avanzado; la página muestra ahora en qué punto está.",
    });
  });
});

describe("the request page's refunds", () => {
  let s: Shop;
  beforeAll(async () => {
    s = await shop();
    const to = randomWallet();
    const ask = await partnerAsk(s, 1_000_000n, to);
    const rows = [
      ["awaiting_transfer", {}],
      ["submitted", { txHash: hash() }],
      ["verified", { txHash: hash(), verifiedAt: new Date() }],
      ["rejected", { txHash: hash(), rejectionReason: "wrong_recipient" }],
      ["cancelled", { cancelledAt: new Date() }],
    ] as const;
    for (const [status, extra] of rows) {
      const made = await partnerAsk(s, 1_000_000n, to);
      await db.refund.update({ where: { id: made.id }, data: { status, ...extra } });
    }
    expect(ask.status).toBe("requested");
  });

  const detail = async (accept: string) => {
    const b = await s.browser();
    b.headers["accept-language"] = accept;
    return asBrowser(b, async () => renderToStaticMarkup(await RequestDetail({ params: Promise.resolve({ id: s.request.id }) })));
  };

  it.each([
    ["en", ["Refunds", "Requested: waiting for your approval", "Waiting for your wallet", "Sent, confirming", "Refunded ✓", "Refused: it went to another address", ">Cancelled<", "Approve", "Decline", "Send from your wallet", "Send refund from your wallet"]],
    ["es", ["Reembolsos", "Solicitado: espera tu aprobación", "Esperando a tu billetera", "Enviado, confirmando", "Reembolsado ✓", "Rechazado: fue a otra dirección", ">Cancelado<", "Aprobar", "Rechazar"]],
    ["fr", ["Remboursements", "Demandé : en attente de votre accord", "En attente de votre portefeuille", "Envoyé, confirmation en cours", "Remboursé ✓", "Refusé : elle est allée à une autre adresse", ">Annulé<", "Approuver", "Refuser"]],
    ["nl", ["Terugbetalingen", "Aangevraagd: wacht op je goedkeuring", "Wacht op je wallet", "Verstuurd, wordt bevestigd", "Terugbetaald ✓", "Geweigerd: ze ging naar een ander adres", ">Geannuleerd<", "Goedkeuren", "Weigeren"]],
    ["pt", ["Reembolsos", "Pedido: aguarda a sua aprovação", "À espera da sua carteira", "Enviado, a confirmar", "Reembolsado ✓", "Recusado: foi para outro endereço", ">Cancelado<", "Aprovar", "Recusar"]],
  ])("in %s: every status in words, and the actions", async (lang, words) => {
    const html = await detail(lang);
    for (const w of words) expect(html).toContain(w);
    // 6 × 1 USDC committed or settled but 2 (rejected, cancelled) do not count: 13.75 − 4 = 9.75 left.
    expect(html).toContain('value="9.75"');
  });
});

describe("the request page's refunds, by payment", () => {
  const render = async (x: Shop) => asBrowser(await x.browser(), async () => renderToStaticMarkup(await RequestDetail({ params: Promise.resolve({ id: x.request.id }) })));

  it("on a chain with an explorer, a refund's transaction links to it", async () => {
    const base = await shop({ chainId: 8453 });
    const made = await partnerAsk(base, 1_000_000n);
    const tx = hash();
    await db.refund.update({ where: { id: made.id }, data: { status: "verified", txHash: tx, verifiedAt: new Date() } });
    expect(await render(base)).toContain(`href="https://basescan.org/tx/${tx}"`);
  });

  it("a simulated payment moved no USDC: no refund is offered from the wallet", async () => {
    const html = await render(await shop({ simulated: true }));
    expect(html).not.toContain('data-testid="refunds"');
    expect(html).not.toContain("Send refund from your wallet");
  });
});
