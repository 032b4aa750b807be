// Merchants API shapes (seeds: merchants-api). The output schema is what every Merchants endpoint
// and the merchant.* webhooks return; serialising through it means no column leaks by accident.
import { z } from "zod";
import { currencyCode, evmAddress, optionalText, paginationQuery, queryBoolean, refuseControlCharacters, isoTimestamp } from "./common";

export const merchantOutput = z.object({
  merchant_id: z.uuid(),
  email: z.string().nullable(),
  display_name: z.string().nullable(),
  business_name: z.string().nullable(),
  country: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  instagram: z.string().nullable(),
  industry: z.string().nullable(),
  account_type: z.enum(["consumer", "business"]),
  onboarding_status: z.enum(["complete", "incomplete"]),
  wallet_address: z.string().nullable(),
  display_currency: z.string().nullable(),
  home_portal: z.string(),
  disabled: z.boolean(),
  created_at: isoTimestamp,
  test_mode: z.boolean(),
  onboarding_url: z.string().nullable(),
}).meta({ id: "Merchant" });
export type MerchantOutput = z.infer<typeof merchantOutput>;

// ---- Inputs ----
// Merchants API inputs (seeds: merchants-api "Request body", "Query parameters"; SPEC §5
// onboarding_link). Every create field is optional; limits and formats are the seed's.

export const createMerchantInput = z.strictObject({
  email: z.email("must be an email address").max(254, "must be at most 254 characters").nullish(),
  display_name: optionalText(120),
  business_name: optionalText(120),
  country: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code: two upper-case letters").nullish(),
  phone: optionalText(32),
  website: optionalText(200),
  instagram: optionalText(200),
  industry: optionalText(80),
  display_currency: currencyCode.nullish(),
  account_type: z.enum(["consumer", "business"]).default("consumer"),
  wallet_address: evmAddress.nullish().describe("0x + 40 hex chars; stored lower-cased. Makes create idempotent."),
});
export type CreateMerchantInput = z.output<typeof createMerchantInput>;

export const listMerchantsQuery = z.object({
  onboarding_status: z.enum(["complete", "incomplete"]).optional(),
  disabled: queryBoolean.optional(),
  ...paginationQuery,
});
export type ListMerchantsQuery = z.output<typeof listMerchantsQuery>;

export const onboardingLinkInput = z.strictObject({
  // The URL parser percent-encodes or drops control characters, but the text is stored as sent.
  return_url: refuseControlCharacters(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000, "must be at most 2000 characters"))
    .nullish()
    .describe("Where to send the merchant when onboarding is done."),
});
export type OnboardingLinkInput = z.output<typeof onboardingLinkInput>;

// Test mode only (POST /api/v1/merchants/{id}/test_onboarding): the payout wallet, taken on the
// partner's word — nothing is paid in test mode, so there is nothing for a signature to protect.
export const testOnboardingInput = z.strictObject({
  wallet_address: evmAddress.describe("0x + 40 hex chars; stored lower-cased. Unique across JoPay, like any payout wallet."),
});
export type TestOnboardingInput = z.output<typeof testOnboardingInput>;
