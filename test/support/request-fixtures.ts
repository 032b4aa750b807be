// Payment requests inserted directly with explicit chain snapshot and amount, for payment tests
// that must control usdc_micro, wallet, chain and timestamps exactly (createRequest derives them
// from FX and merchant config).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { makeOnboardedMerchant, makePartner } from "./fixtures";

export interface RequestFixtureInput {
  partnerId: string;
  merchantId: string;
  testMode?: boolean;
  usdcMicro: bigint;
  receivingWallet: string;
  chainId: number;
  usdcContract: string;
  createdAt?: Date;
  expiresAt?: Date;
  status?: "requested" | "opened" | "expired" | "voided";
  proofStatus?: "none" | "attached" | "verified";
  amountTag?: number;
  metadata?: Record<string, string>;
}

export async function insertRequest(input: RequestFixtureInput) {
  const createdAt = input.createdAt ?? new Date();
  return db.paymentRequest.create({
    data: {
      partnerId: input.partnerId,
      merchantId: input.merchantId,
      testMode: input.testMode ?? false,
      status: input.status ?? "requested",
      proofStatus: input.proofStatus ?? "none",
      fiatAmountInt: 2500,
      fiatCode: "EUR",
      usdcMicro: input.usdcMicro,
      amountTag: input.amountTag ?? 0,
      fxRate: "1.1",
      fxSource: "static",
      fxRateAt: createdAt,
      idempotencyKey: randomUUID(),
      receivingWallet: input.receivingWallet.toLowerCase(),
      chainId: input.chainId,
      usdcContract: input.usdcContract.toLowerCase(),
      metadata: input.metadata ?? { order_id: "ORD-1" },
      createdAt,
      expiresAt: input.expiresAt ?? new Date(createdAt.getTime() + 60 * 60_000),
    },
  });
}

/** A partner (with live and test keys) and one onboarded merchant in the given mode. */
export async function makePaymentSetup(opts: { testMode?: boolean; wallet?: string } = {}) {
  const p = await makePartner();
  const merchant = await makeOnboardedMerchant(p.partner.id, { testMode: opts.testMode ?? false, wallet: opts.wallet });
  return { ...p, merchant };
}

export async function eventsFor(requestId: string) {
  const rows = await db.event.findMany({ where: { requestId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map((e) => ({ type: e.type, data: (e.payload as { data: Record<string, unknown> }).data }));
}

/** A fresh partner, an onboarded merchant and one open request to the merchant's wallet on `chain`. */
export async function openPaymentRequest(
  chain: { chainId: number; usdcAddress: string },
  over: Omit<Partial<RequestFixtureInput>, "partnerId" | "merchantId" | "receivingWallet" | "chainId" | "usdcContract"> & { usdcMicro: bigint },
  setupOpts: { testMode?: boolean; wallet?: string } = {},
) {
  const setup = await makePaymentSetup(setupOpts);
  const wallet = setup.merchant.walletAddress!;
  const request = await insertRequest({
    partnerId: setup.partner.id,
    merchantId: setup.merchant.id,
    receivingWallet: wallet,
    chainId: chain.chainId,
    usdcContract: chain.usdcAddress,
    ...over,
  });
  return { ...setup, request, wallet };
}
