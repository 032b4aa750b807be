// Merchant sign-in: a verified SIWE signature for the "sign-in" purpose names a wallet; the
// merchant whose payout wallet it is signs in. Disabled merchants may sign in (seeds: "their
// dashboard remains accessible"); merchants still in onboarding have no wallet yet and cannot.
import { db } from "@/lib/db";
import type { Merchant } from "@/lib/generated/prisma/client";
import { en } from "@/lib/i18n/dashboard/en";
import { SiweError, verifySiwe, type VerifySiweInput } from "@/lib/auth/merchant/siwe";

export const SIGN_IN_PURPOSE = "sign-in";
export const SIGN_IN_STATEMENT = "Sign in to your JoPay merchant dashboard.";

export class NoMerchantForWalletError extends Error {
  readonly key = "signIn_noMerchant";
  constructor() {
    super(en.signIn_noMerchant);
    this.name = "NoMerchantForWalletError";
  }
}

export async function signInMerchant(input: Omit<VerifySiweInput, "purpose">): Promise<Merchant> {
  const { address } = await verifySiwe({ ...input, purpose: SIGN_IN_PURPOSE });
  const merchant = await db.merchant.findUnique({ where: { walletAddress: address } });
  if (!merchant || merchant.onboardingStatus !== "complete") throw new NoMerchantForWalletError();
  return merchant;
}

export { SiweError };
