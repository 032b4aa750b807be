// Finishing a test-mode merchant's onboarding in one API call (issue 18: an onboarded test merchant
// without a browser or a wallet). It skips only what test mode has no use for — the onboarding
// link and the SIWE signature proving the wallet (nothing is ever paid out in test mode) — and
// ends in the very function the signed onboarding ends in, completeOnboarding: wallet, current
// terms and merchant.onboarding_completed (its webhooks) in one transaction.
import { ApiError } from "@/lib/errors";
import { findMerchantOrNotFound, type TenantScope } from "@/lib/tenancy";
import type { Merchant } from "@/lib/generated/prisma/client";
import type { TestOnboardingInput } from "@/lib/schemas/merchant";
import { completeOnboarding } from "./complete-onboarding";

export async function completeTestOnboarding(scope: TenantScope, merchantId: string, input: TestOnboardingInput): Promise<Merchant> {
  // The operation is test-mode-only already; a live merchant's wallet must always be proven.
  if (!scope.testMode) throw new ApiError("test_mode_only");
  // Within the tenant and mode (a foreign or live id is the usual 404); tenancy never changes, so
  // the lookup may stand outside completeOnboarding's transaction.
  const merchant = await findMerchantOrNotFound(scope, merchantId);
  if (merchant.onboardingStatus === "complete") throw new ApiError("merchant_already_onboarded");
  return completeOnboarding({ merchantId: merchant.id, walletAddress: input.wallet_address });
}
