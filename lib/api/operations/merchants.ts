// Operations of the Merchants API (seeds: merchants-api; SPEC §5 onboarding_link).
import { z } from "zod";
import { paginationOutput } from "@/lib/schemas/common";
import { createMerchantInput, listMerchantsQuery, merchantOutput, onboardingLinkInput, testOnboardingInput } from "@/lib/schemas/merchant";
import { EXAMPLE_WALLET } from "./example-values";
import { defineOperations } from "./operation";

export const onboardingLinkOutput = z.object({
  merchant_id: z.uuid(),
  onboarding_url: z.string(),
  expires_at: z.string(),
  return_url: z.string().nullable(),
});

export const merchantOperations = defineOperations({
  createMerchant: {
    method: "post",
    path: "/api/v1/merchants",
    summary: "Create a merchant",
    description: "Creates a shell merchant (onboarding incomplete) and returns its onboarding_url. Idempotent on wallet_address within your partner and mode (200 with `idempotent_replay: true`). Rate limit: 30/min per key.",
    tag: "Merchants",
    scope: "merchants:write",
    limit: "merchant_create",
    body: createMerchantInput,
    response: z.intersection(merchantOutput, z.object({ idempotent_replay: z.literal(true).optional() })),
    successStatus: 201,
    alsoStatuses: [200],
    errors: ["wallet_address_conflict"],
    example: { body: { business_name: "Corner Café", email: "owner@corner-cafe.example", country: "PT", display_currency: "EUR" } },
  },
  listMerchants: {
    method: "get",
    path: "/api/v1/merchants",
    summary: "List merchants",
    tag: "Merchants",
    scope: "merchants:read",
    query: listMerchantsQuery,
    response: z.object({ merchants: z.array(merchantOutput), ...paginationOutput }),
    example: { query: { onboarding_status: "complete", limit: "20" } },
  },
  getMerchant: {
    method: "get",
    path: "/api/v1/merchants/{id}",
    summary: "Get a merchant",
    tag: "Merchants",
    scope: "merchants:read",
    response: merchantOutput,
    errors: ["not_found"],
  },
  createOnboardingLink: {
    method: "post",
    path: "/api/v1/merchants/{id}/onboarding_link",
    summary: "Create a fresh onboarding link",
    description: "A new single-use onboarding_url valid for 7 days; `return_url` is where the merchant is sent when done.",
    tag: "Merchants",
    scope: "merchants:write",
    body: onboardingLinkInput,
    response: onboardingLinkOutput,
    successStatus: 201,
    errors: ["not_found"],
    example: { body: { return_url: "https://partner.example/merchants/42/done" } },
  },
  completeTestOnboarding: {
    method: "post",
    path: "/api/v1/merchants/{id}/test_onboarding",
    summary: "Finish a test merchant's onboarding (test mode only)",
    description:
      "Completes onboarding of a test-mode merchant with `wallet_address` as its payout wallet, without the onboarding link or a wallet signature: " +
      "the same change and `merchant.onboarding_completed` webhook as a merchant finishing the onboarding page. Test-mode keys only; " +
      "409 `merchant_already_onboarded` once it is complete.",
    tag: "Merchants",
    scope: "merchants:write",
    testModeOnly: true,
    body: testOnboardingInput,
    response: merchantOutput,
    errors: ["not_found", "test_mode_only", "merchant_already_onboarded", "wallet_address_conflict"],
    example: { body: { wallet_address: EXAMPLE_WALLET } },
  },
});
