// Builders for test data through the real domain functions. Every builder makes unique rows, so
// test files can run in parallel against the one per-run database.
import { randomBytes } from "node:crypto";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { Scope } from "@/lib/api-keys/scopes";
import { db } from "@/lib/db";
import { completeOnboarding } from "@/lib/merchants/complete-onboarding";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import { createPartner, type CreatePartnerInput } from "@/lib/partners/create-partner";

export const uniq = (prefix = "t") => `${prefix}${randomBytes(5).toString("hex")}`;

export function randomWallet(): string {
  return `0x${randomBytes(20).toString("hex")}`;
}

export async function makePartner(overrides: Partial<CreatePartnerInput> = {}) {
  const partner = await createPartner({ slug: uniq("p"), name: "Test Partner", currency: "EUR", ...overrides }, { actor: SYSTEM_ACTOR });
  const live = await createApiKey({ partnerId: partner.id, mode: "live" });
  const test = await createApiKey({ partnerId: partner.id, mode: "test" });
  return { partner, liveKey: live.key, testKey: test.key };
}

export async function makeKey(partnerId: string, mode: "live" | "test", scopes?: Scope[]) {
  return (await createApiKey({ partnerId, mode, scopes })).key;
}

/** A merchant that has finished onboarding with `wallet` (default: a random address). */
export async function makeOnboardedMerchant(
  partnerId: string,
  opts: { testMode?: boolean; wallet?: string; displayCurrency?: string; accountType?: "consumer" | "business" } = {},
) {
  const m = await db.merchant.create({
    data: {
      partnerId,
      testMode: opts.testMode ?? false,
      businessName: "Test Shop",
      displayCurrency: opts.displayCurrency,
      accountType: opts.accountType ?? "business",
    },
  });
  return completeOnboarding({ merchantId: m.id, walletAddress: opts.wallet ?? randomWallet() });
}
