// Totals received today / 7 days / 30 days and the daily volume, against a real database: days are
// the merchant's calendar days (a payment at 23:30 in São Paulo is that day's, not the next UTC
// day's), USDC counts what arrived (overpayments too), only verified payments count, sums stay exact
// past 2^53 and 2^31, and only this merchant's own requests in its own mode are ever added up.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Merchant } from "@/lib/generated/prisma/client";
import { daysBefore, salesSummary, SUMMARY_DAYS } from "@/lib/merchants/sales-summary";
import { makeOnboardedMerchant, makePartner } from "../support/fixtures";
import { insertRequest } from "../support/request-fixtures";

const CHAIN = 31337;
// 12:00 UTC is 09:00 in São Paulo (UTC-3 all year since 2019): both zones call it 14 March.
const NOW = new Date("2026-03-14T12:00:00Z");
const SP = "America/Sao_Paulo";

interface Paid {
  at: string;
  fiat: number;
  code?: string;
  usdc?: bigint;
  received?: bigint;
  testMode?: boolean;
}

/** A request verified at `at` with a verified proof for what arrived. */
async function paid(m: Merchant, p: Paid) {
  const usdc = p.usdc ?? BigInt(p.fiat) * 11_000n;
  const r = await insertRequest({ partnerId: m.partnerId, merchantId: m.id, testMode: p.testMode ?? m.testMode, receivingWallet: m.walletAddress!, chainId: CHAIN, usdcContract: `0x${"1".repeat(40)}`, usdcMicro: usdc });
  const txHash = `0x${randomBytes(32).toString("hex")}`;
  await db.proof.create({
    data: { requestId: r.id, chainId: CHAIN, txHash, activeTxHash: txHash, source: "pay_page", expectedMicro: usdc, outcome: "verified", receivedMicro: p.received ?? usdc, overpaidMicro: (p.received ?? usdc) - usdc, verifiedAt: new Date(p.at) },
  });
  return db.paymentRequest.update({ where: { id: r.id }, data: { proofStatus: "verified", txHash, proofVerifiedAt: new Date(p.at), fiatAmountInt: p.fiat, fiatCode: p.code ?? "EUR" } });
}

describe("salesSummary", () => {
  let a: Merchant;

  beforeAll(async () => {
    const { partner } = await makePartner();
    a = await makeOnboardedMerchant(partner.id);
    // Today in both zones.
    await paid(a, { at: "2026-03-14T03:30:00Z", fiat: 1000, usdc: 11_000_000n });
    await paid(a, { at: "2026-03-14T11:00:00Z", fiat: 500, code: "GBP", usdc: 6_300_000n });
    // 23:30 on the 13th in São Paulo, already the 14th in UTC.
    await paid(a, { at: "2026-03-14T02:30:00Z", fiat: 200, usdc: 2_200_000n });
    // Six days ago: overpaid, so more USDC arrived than was asked.
    await paid(a, { at: "2026-03-08T12:00:00Z", fiat: 2000, usdc: 22_000_000n, received: 22_500_001n });
    // The 6th in São Paulo (outside 7 days there), the 7th in UTC (outside there too).
    await paid(a, { at: "2026-03-07T02:00:00Z", fiat: 3000, usdc: 33_000_000n });
    // 13 February is the 30th day back: in at 01:00 São Paulo time; 23:00 on the 12th is out there,
    // but it is the 13th in UTC.
    await paid(a, { at: "2026-02-13T04:00:00Z", fiat: 4000, usdc: 44_000_000n });
    await paid(a, { at: "2026-02-13T02:00:00Z", fiat: 5000, usdc: 55_000_000n });
    // Too old anywhere, and (a clock skew) verified after "now": neither counts.
    await paid(a, { at: "2026-02-01T12:00:00Z", fiat: 9999, usdc: 1n });
    await paid(a, { at: "2026-03-14T12:00:01Z", fiat: 9999, usdc: 1n });

    // Not received: waiting, attached, a payment a reorg reversed (back to attached, no verified time).
    const base = { partnerId: a.partnerId, merchantId: a.id, receivingWallet: a.walletAddress!, chainId: CHAIN, usdcContract: `0x${"1".repeat(40)}`, usdcMicro: 7_000_000n };
    await insertRequest(base);
    await insertRequest({ ...base, proofStatus: "attached" });
    const reversed = await paid(a, { at: "2026-03-14T05:00:00Z", fiat: 7777, usdc: 7_777_000n });
    await db.paymentRequest.update({ where: { id: reversed.id }, data: { proofStatus: "attached", proofVerifiedAt: null } });
    await db.proof.updateMany({ where: { requestId: reversed.id }, data: { outcome: "pending", reversedAt: NOW, receivedMicro: null } });

    // Other merchants of the same and of another partner, and this merchant's id in the other mode.
    const sibling = await makeOnboardedMerchant(partner.id);
    const stranger = await makeOnboardedMerchant((await makePartner()).partner.id);
    for (const m of [sibling, stranger]) await paid(m, { at: "2026-03-14T10:00:00Z", fiat: 100_000, usdc: 110_000_000n });
    await paid(a, { at: "2026-03-14T10:00:00Z", fiat: 100_000, usdc: 110_000_000n, testMode: !a.testMode });
  });

  it("in São Paulo: today, 7 and 30 local days, per currency and in USDC received", async () => {
    const s = await salesSummary(a, { now: NOW, timeZone: SP });
    expect(s.timeZone).toBe(SP);
    expect(s.today).toBe("2026-03-14");
    expect(s.totals.today).toEqual({ payments: 2, usdcMicro: 17_300_000n, fiat: [{ code: "EUR", minor: 1000n }, { code: "GBP", minor: 500n }] });
    expect(s.totals.week).toEqual({ payments: 4, usdcMicro: 17_300_000n + 2_200_000n + 22_500_001n, fiat: [{ code: "EUR", minor: 3200n }, { code: "GBP", minor: 500n }] });
    expect(s.totals.month).toEqual({
      payments: 6,
      usdcMicro: 17_300_000n + 2_200_000n + 22_500_001n + 33_000_000n + 44_000_000n,
      fiat: [{ code: "EUR", minor: 1000n + 200n + 2000n + 3000n + 4000n }, { code: "GBP", minor: 500n }],
    });
  });

  it("in UTC the same payments fall on other days", async () => {
    const s = await salesSummary(a, { now: NOW, timeZone: "UTC" });
    expect(s.totals.today).toMatchObject({ payments: 3, usdcMicro: 17_300_000n + 2_200_000n });
    expect(s.totals.week.payments).toBe(4);
    expect(s.totals.month).toMatchObject({ payments: 7, fiat: [{ code: "EUR", minor: 15_200n }, { code: "GBP", minor: 500n }] });
  });

  it("the chart's 30 days: oldest first, ending today, zero where nothing came in", async () => {
    const { days } = await salesSummary(a, { now: NOW, timeZone: SP });
    expect(days).toHaveLength(SUMMARY_DAYS);
    expect(days[0].day).toBe("2026-02-13");
    expect(days.at(-1)!.day).toBe("2026-03-14");
    expect(days.map((d) => d.day)).toEqual(Array.from({ length: 30 }, (_, i) => daysBefore("2026-03-14", 29 - i)));
    const byDay = Object.fromEntries(days.filter((d) => d.payments > 0).map((d) => [d.day, [d.payments, d.usdcMicro]]));
    expect(byDay).toEqual({
      "2026-02-13": [1, 44_000_000n],
      "2026-03-06": [1, 33_000_000n],
      "2026-03-08": [1, 22_500_001n],
      "2026-03-13": [1, 2_200_000n],
      "2026-03-14": [2, 17_300_000n],
    });
  });

  it("an unknown time zone is UTC; no sales is zeros, not an error", async () => {
    expect((await salesSummary(a, { now: NOW, timeZone: "Mars/Olympus_Mons" })).timeZone).toBe("UTC");
    const { partner } = await makePartner();
    const fresh = await makeOnboardedMerchant(partner.id);
    const s = await salesSummary(fresh, { now: NOW, timeZone: SP });
    expect(s.totals).toEqual({ today: { payments: 0, usdcMicro: 0n, fiat: [] }, week: { payments: 0, usdcMicro: 0n, fiat: [] }, month: { payments: 0, usdcMicro: 0n, fiat: [] } });
    expect(s.days.every((d) => d.payments === 0 && d.usdcMicro === 0n)).toBe(true);
  });

  it("sums stay exact beyond 2^31 minor units and 2^53 micro-units", async () => {
    const { partner } = await makePartner();
    const big = await makeOnboardedMerchant(partner.id);
    const huge = 2n ** 53n + 1n; // not representable as a double
    await paid(big, { at: "2026-03-14T10:00:00Z", fiat: 2_000_000_000, usdc: huge });
    await paid(big, { at: "2026-03-14T10:00:01Z", fiat: 2_000_000_000, usdc: huge });
    const s = await salesSummary(big, { now: NOW, timeZone: "UTC" });
    expect(s.totals.today).toEqual({ payments: 2, usdcMicro: 2n * huge, fiat: [{ code: "EUR", minor: 4_000_000_000n }] });
  });
});
