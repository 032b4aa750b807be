// The dashboard's request list against a real database: the state filter returns exactly the
// requests whose badge says that state (one rule, two forms: payment-state.ts), and the search box
// finds by memo, customer, amount (in each currency's own decimals, and in USDC with its amount tag),
// id and tx hash — always inside the signed-in merchant's own requests, never a sibling merchant's,
// another partner's or another mode's, however the search is phrased.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Merchant, PaymentRequest, Prisma } from "@/lib/generated/prisma/client";
import { listMerchantRequests } from "@/lib/merchants/dashboard-requests";
import { PAYMENT_STATES, paymentState, type PaymentState } from "@/lib/merchants/payment-state";
import { makeOnboardedMerchant, makePartner } from "../support/fixtures";
import { insertRequest } from "../support/request-fixtures";

const CHAIN = 31337;
const hash = () => `0x${randomBytes(32).toString("hex")}`;
const NOW = new Date();
const HOUR = 3_600_000;
const future = new Date(NOW.getTime() + HOUR);
const past = new Date(NOW.getTime() - HOUR);

type ProofSpec = Partial<Prisma.ProofUncheckedCreateInput>;

async function mk(m: Merchant, over: Partial<Prisma.PaymentRequestUncheckedUpdateInput> = {}, proofs: ProofSpec[] = [], testMode = m.testMode): Promise<PaymentRequest> {
  const r = await insertRequest({ partnerId: m.partnerId, merchantId: m.id, testMode, receivingWallet: m.walletAddress!, chainId: CHAIN, usdcContract: `0x${"1".repeat(40)}`, usdcMicro: 27_500_000n, expiresAt: future });
  for (const p of proofs) {
    const txHash = p.txHash ?? hash();
    await db.proof.create({ data: { requestId: r.id, chainId: CHAIN, txHash, source: "pay_page", expectedMicro: r.usdcMicro, ...p } });
  }
  return db.paymentRequest.update({ where: { id: r.id }, data: over });
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const list = async (m: Merchant, f: Parameters<typeof listMerchantRequests>[1]) => ids((await listMerchantRequests(m, { now: NOW, limit: 100, ...f })).requests);

/** One request in every state, the way each comes about. */
async function everyState(m: Merchant) {
  const verified = (over: ProofSpec = {}) => ({ outcome: "verified" as const, receivedMicro: 27_500_000n, overpaidMicro: 0n, ...over });
  const rejected = (reason: string) => ({ outcome: "rejected" as const, rejectionReason: reason, receivedMicro: 1n });
  const attached = (over: ProofSpec = {}) => ({ outcome: "pending" as const, ...over });
  const withTx = async (over: Partial<Prisma.PaymentRequestUncheckedUpdateInput>, proof: ProofSpec) => {
    const txHash = hash();
    return mk(m, { ...over, txHash }, [{ ...proof, txHash, activeTxHash: proof.outcome === "rejected" ? null : txHash }]);
  };
  return {
    waiting: [await mk(m), await mk(m, { status: "opened" }, [rejected("wrong_token")])],
    confirming: [await withTx({ proofStatus: "attached" }, attached()), await withTx({ proofStatus: "attached", status: "expired", expiresAt: past }, attached())],
    paid: [await withTx({ proofStatus: "verified", proofVerifiedAt: NOW }, verified()), await withTx({ proofStatus: "verified", proofVerifiedAt: NOW }, verified({ reversedAt: past }))],
    paid_late: [await withTx({ proofStatus: "verified", late: true, status: "expired", expiresAt: past, proofVerifiedAt: NOW }, verified({ late: true }))],
    paid_overpaid: [await withTx({ proofStatus: "verified", late: true, proofVerifiedAt: NOW }, verified({ receivedMicro: 30_000_000n, overpaidMicro: 2_500_000n }))],
    refused_underpaid: [await mk(m, {}, [rejected("underpaid")]), await mk(m, { status: "expired", expiresAt: past }, [rejected("underpaid"), rejected("wrong_chain")])],
    expired: [await mk(m, { status: "expired", expiresAt: past }), await mk(m, { status: "opened", expiresAt: past }, [rejected("reverted")])],
    cancelled: [await mk(m, { status: "voided" }), await mk(m, { status: "voided" }, [rejected("underpaid")])],
    reversed: [await withTx({ proofStatus: "attached" }, attached({ reversedAt: past }))],
  } satisfies Record<PaymentState, PaymentRequest[]>;
}

describe("the state filter and the state badge agree", () => {
  let a: Merchant;
  let mine: Record<PaymentState, PaymentRequest[]>;
  let foreign: string[];

  beforeAll(async () => {
    const { partner } = await makePartner();
    a = await makeOnboardedMerchant(partner.id);
    const sibling = await makeOnboardedMerchant(partner.id);
    const stranger = await makeOnboardedMerchant((await makePartner()).partner.id);
    mine = await everyState(a);
    foreign = [];
    for (const m of [sibling, stranger]) foreign.push(...Object.values(await everyState(m)).flat().map((r) => r.id));
    // A row under this merchant's id in the other mode: the mode confines too.
    foreign.push((await mk(a, {}, [], !a.testMode)).id);
  });

  it.each(PAYMENT_STATES)("state=%s lists exactly this merchant's requests in that state", async (state) => {
    expect(await list(a, { state })).toEqual(ids(mine[state]));
  });

  it("each listed request's own derived state is the one it was filtered by, and every request has exactly one", async () => {
    const all = await listMerchantRequests(a, { now: NOW, limit: 100 });
    const derived = all.requests.map((r) => [r.id, paymentState(r, r.proofs, NOW)]);
    const expected = PAYMENT_STATES.flatMap((s) => mine[s].map((r) => [r.id, s]));
    expect(derived.sort()).toEqual(expected.sort());
    for (const id of foreign) expect(all.requests.map((r) => r.id)).not.toContain(id);
  });
});

describe("search", () => {
  let a: Merchant;
  let r: Record<string, PaymentRequest>;
  let foreign: string[];

  beforeAll(async () => {
    const { partner } = await makePartner();
    a = await makeOnboardedMerchant(partner.id);
    const sibling = await makeOnboardedMerchant(partner.id);
    const stranger = await makeOnboardedMerchant((await makePartner()).partner.id);
    const shop = (m: Merchant) => ({
      // USDC amounts chosen so that no search below also finds them by their USDC amount.
      croissants: () => mk(m, { memo: "Two Croissants", fiatAmountInt: 1250, usdcMicro: 13_750_001n }),
      jan: () => mk(m, { customerName: "Jan Jansen", customerEmail: "jan@bakery.example", customerPhone: "+351 912 345 678", fiatAmountInt: 9900, usdcMicro: 108_900_002n }),
      yen: () => mk(m, { fiatCode: "JPY", fiatAmountInt: 1500, usdcMicro: 10_000_003n }),
      euro15: () => mk(m, { fiatAmountInt: 1500, usdcMicro: 16_500_004n }),
      dinar: () => mk(m, { fiatCode: "KWD", fiatAmountInt: 1500, usdcMicro: 5_000_005n }),
      tagged: () => mk(m, { fiatAmountInt: 2500, usdcMicro: 27_500_123n }),
      percent: () => mk(m, { memo: "50% off_today", fiatAmountInt: 700, usdcMicro: 7_700_006n }),
      paid: () => mk(m, { memo: "Paid coffee", txHash: hash(), proofStatus: "verified", usdcMicro: 2_750_007n }),
    });
    r = {};
    for (const [k, make] of Object.entries(shop(a))) r[k] = await make();
    foreign = [];
    for (const m of [sibling, stranger]) for (const make of Object.values(shop(m))) foreign.push((await make()).id);
    foreign.push((await mk(a, { memo: "Two Croissants", fiatAmountInt: 1250 }, [], !a.testMode)).id);
  });

  const cases: [string, string[]][] = [
    ["croiss", ["croissants"]],
    ["TWO CROISSANTS", ["croissants"]],
    ["jansen", ["jan"]],
    ["bakery.example", ["jan"]],
    ["912 345", ["jan"]],
    // 12.50 EUR as people type it.
    ["12.50", ["croissants"]],
    ["12,5", ["croissants"]],
    ["12.5", ["croissants"]],
    // 1500 means ¥1500, €1500.00 or KWD 1500.000 — never €15.00 (1500 cents) or KWD 1.500.
    ["1500", ["yen"]],
    ["15", ["euro15"]],
    ["1.5", ["dinar"]],
    // USDC: cents find the tagged amount (tag < 0.01 USDC); six decimals mean exactly that amount.
    ["27.50", ["tagged"]],
    ["27.500123", ["tagged"]],
    ["27.500124", []],
    // LIKE wildcards are literal characters, not "anything".
    ["%", ["percent"]],
    ["_", ["percent"]],
    ["nothing like this", []],
  ];

  it.each(cases)("%j finds %j among this merchant's requests only", async (q, names) => {
    expect(await list(a, { q })).toEqual(names.map((n) => r[n].id).sort());
  });

  it("an id or a tx hash finds exactly that request, in any letter case — but not another merchant's", async () => {
    expect(await list(a, { q: r.jan.id.toUpperCase() })).toEqual([r.jan.id]);
    expect(await list(a, { q: r.paid.txHash!.toUpperCase().replace("0X", "0x") })).toEqual([r.paid.id]);
    for (const id of foreign) expect(await list(a, { q: id })).toEqual([]);
  });

  it("search and state filter combine (AND), and neither widens the merchant's scope", async () => {
    expect(await list(a, { q: "coffee", state: "waiting" })).toEqual([]);
    expect(await list(a, { q: "croiss", state: "waiting" })).toEqual([r.croissants.id]);
    const everything = await list(a, {});
    for (const id of foreign) expect(everything).not.toContain(id);
    expect(everything).toEqual(Object.values(r).map((x) => x.id).sort());
  });
});
