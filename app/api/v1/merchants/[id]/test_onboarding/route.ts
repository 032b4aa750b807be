/**
 * Mode: test keys only (403 test_mode_only for a live key, before any lookup). Tenant: the
 * merchant must be the key's partner's test-mode merchant, else the usual 404.
 */
import { withApiKey } from "@/lib/api/with-api-key";
import { merchantOperations } from "@/lib/api/operations/merchants";
import { completeTestOnboarding } from "@/lib/merchants/complete-test-onboarding";
import { presentMerchant } from "@/lib/merchants/present-merchants";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// POST /api/v1/merchants/:id/test_onboarding — test mode: finish onboarding with a wallet, no signature
export const POST = withApiKey(merchantOperations.completeTestOnboarding, async ({ ctx, params, body }) =>
  presentMerchant(ctx.partner.slug, await completeTestOnboarding(ctx, params.id, body)),
);

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const GET = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
