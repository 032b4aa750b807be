// Finishing onboarding from an onboarding_url (SPEC §8): a valid link, the fields the partner's
// policy requires, the current terms accepted, and a SIWE signature proving the payout wallet.
// completeOnboarding then consumes the link, sets the wallet and emits
// merchant.onboarding_completed in one transaction.
//
// Checks run cheapest-first and the SIWE nonce is consumed only once the form is otherwise valid,
// so a forgotten field does not cost the merchant a fresh signature.
import { z } from "zod";
import { isApiError } from "@/lib/errors";
import { db } from "@/lib/db";
import { en, type DashboardMessages } from "@/lib/i18n/dashboard/en";
import { fieldProblem, REQUIRED, type FieldProblem } from "@/lib/i18n/field-problem";
import type { Merchant } from "@/lib/generated/prisma/client";
import { completeOnboarding, CURRENT_TERMS_VERSION, type CompleteOnboardingInput } from "@/lib/merchants/complete-onboarding";
import { verifyOnboardingToken, type VerifiedOnboardingToken } from "@/lib/merchants/onboarding-token";
import { createMerchantInput } from "@/lib/schemas/merchant";
import { SiweError, verifySiwe } from "@/lib/auth/merchant/siwe";

export const onboardingPurpose = (tokenId: string) => `onboarding:${tokenId}`;
export const ONBOARDING_STATEMENT = "I own this wallet and want JoPay payments paid to it.";

/** Merchant fields a partner policy may require, in the order the form shows them. */
export const ONBOARDING_FIELDS = ["business_name", "display_name", "email", "country", "phone", "website", "instagram", "industry"] as const;
export type OnboardingField = (typeof ONBOARDING_FIELDS)[number];

export const ONBOARDING_FIELD_LABELS: Record<OnboardingField, string> = {
  business_name: "Business name",
  display_name: "Your name",
  email: "Email",
  country: "Country (2-letter code, e.g. NL)",
  phone: "Phone",
  website: "Website",
  instagram: "Instagram",
  industry: "Industry",
};

/** Onboarding field (Merchants API name) → Merchant column. */
export const FIELD_COLUMNS = {
  business_name: "businessName",
  display_name: "displayName",
  email: "email",
  country: "country",
  phone: "phone",
  website: "website",
  instagram: "instagram",
  industry: "industry",
} as const satisfies Record<OnboardingField, keyof NonNullable<CompleteOnboardingInput["fields"]>>;

export type OnboardingFailure = "invalid_link" | "terms" | "fields" | "wallet_conflict" | "signature";

/**
 * `key` names the sentence the merchant reads in their language (`message` is its English, for
 * logs), `fieldErrors` what is wrong with each field, in no language yet.
 */
export class OnboardingError extends Error {
  constructor(
    readonly reason: OnboardingFailure,
    readonly key: keyof DashboardMessages,
    readonly fieldErrors: Partial<Record<OnboardingField, FieldProblem>> = {},
  ) {
    super(en[key]);
    this.name = "OnboardingError";
  }
}

/** The fields the partner requires, restricted to ones the form knows (unknown policy entries are ignored). */
export function requiredFields(policy: string[]): OnboardingField[] {
  return ONBOARDING_FIELDS.filter((f) => policy.includes(f));
}

export interface OnboardMerchantInput {
  token: string;
  message: string;
  signature: string;
  connectedAddress: string;
  requestHost?: string | null;
  termsAccepted: boolean;
  termsVersion: string;
  /** Raw form values by seed field name; empty strings count as not given. */
  fields: Partial<Record<string, string>>;
}

export interface OnboardMerchantResult {
  merchant: Merchant;
  /** Where the partner asked to send the merchant afterwards, or null for the dashboard. */
  returnUrl: string | null;
}

/** Loads a link for display; null for bogus, used, expired or already-completed links alike. */
export async function loadOnboardingLink(token: string | undefined | null) {
  if (!token) return null;
  const verified = await verifyOnboardingToken(token);
  if (!verified) return null;
  const partner = await db.partner.findUniqueOrThrow({ where: { id: verified.merchant.partnerId } });
  return { ...verified, partner };
}

export function validateOnboardingFields(policy: string[], raw: Partial<Record<string, string>>) {
  const errors: Partial<Record<OnboardingField, FieldProblem>> = {};
  const out: NonNullable<CompleteOnboardingInput["fields"]> = {};
  const shape = createMerchantInput.shape;
  const required = new Set(requiredFields(policy));
  for (const field of ONBOARDING_FIELDS) {
    const value = (raw[field] ?? "").trim();
    if (!value) {
      if (required.has(field)) errors[field] = REQUIRED;
      continue;
    }
    const parsed = (shape[field] as z.ZodType).safeParse(field === "country" ? value.toUpperCase() : value);
    if (!parsed.success) errors[field] = fieldProblem(field, parsed.error.issues[0]);
    else out[FIELD_COLUMNS[field]] = parsed.data as string;
  }
  return { fields: out, errors };
}

export async function onboardMerchant(input: OnboardMerchantInput): Promise<OnboardMerchantResult> {
  const link: VerifiedOnboardingToken | null = await verifyOnboardingToken(input.token);
  if (!link) throw new OnboardingError("invalid_link", "onbError_invalidLink");
  if (!input.termsAccepted || input.termsVersion !== CURRENT_TERMS_VERSION) {
    throw new OnboardingError("terms", "onbError_terms");
  }
  const partner = await db.partner.findUniqueOrThrow({ where: { id: link.merchant.partnerId } });
  const { fields, errors } = validateOnboardingFields(partner.onboardingRequiredFields, input.fields);
  if (Object.keys(errors).length) throw new OnboardingError("fields", "err_fixFields", errors);

  let wallet: string;
  try {
    ({ address: wallet } = await verifySiwe({
      message: input.message,
      signature: input.signature,
      connectedAddress: input.connectedAddress,
      purpose: onboardingPurpose(link.token.id),
      requestHost: input.requestHost,
    }));
  } catch (err) {
    if (err instanceof SiweError) throw new OnboardingError("signature", err.key);
    throw err;
  }

  try {
    const merchant = await completeOnboarding({
      merchantId: link.merchant.id,
      walletAddress: wallet,
      termsVersion: CURRENT_TERMS_VERSION,
      fields,
      onboardingTokenId: link.token.id,
    });
    return { merchant, returnUrl: link.token.returnUrl };
  } catch (err) {
    if (isApiError(err) && err.code === "wallet_address_conflict") {
      throw new OnboardingError("wallet_conflict", "err_walletTaken");
    }
    if (isApiError(err) && (err.code === "not_found" || err.code === "merchant_already_onboarded")) {
      throw new OnboardingError("invalid_link", "onbError_linkUsed");
    }
    throw err;
  }
}
