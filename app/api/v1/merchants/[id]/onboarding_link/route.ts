/** Tenant + mode: createOnboardingLink looks the merchant up through findMerchantOrNotFound. */
import { withApiKey } from "@/lib/api/with-api-key";
import { merchantOperations } from "@/lib/api/operations/merchants";
import { createOnboardingLink } from "@/lib/merchants/create-onboarding-link";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// POST /api/v1/merchants/:id/onboarding_link — a fresh single-use onboarding URL (7-day expiry)
export const POST = withApiKey(merchantOperations.createOnboardingLink, async ({ ctx, params, body }) => {
  const link = await createOnboardingLink(ctx, params.id, body.return_url ?? null);
  return {
    status: 201,
    body: { merchant_id: link.merchant.id, onboarding_url: link.onboardingUrl, expires_at: link.expiresAt.toISOString(), return_url: body.return_url ?? null },
  };
});

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const GET = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
