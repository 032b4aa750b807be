// Partner console: merchants — create a shell merchant, a fresh onboarding link (to copy or to
// email), disable/enable. Creation and links go through the same domain functions as the Merchants API.
import { z } from "zod";
import { ApiError } from "@/lib/errors";
import { findMerchantOrNotFound } from "@/lib/tenancy";
import { emailOnboardingLink } from "@/lib/email/onboarding-link-email";
import { createMerchant } from "@/lib/merchants/create-merchant";
import { createOnboardingLink } from "@/lib/merchants/create-onboarding-link";
import { presentMerchant } from "@/lib/merchants/present-merchants";
import { serializeMerchant } from "@/lib/merchants/serialize-merchant";
import { createMerchantInput } from "@/lib/schemas/merchant";
import { partnerScope, type ConsoleCtx } from "../context";
import { setMerchantDisabled } from "../set-merchant-disabled";

export const merchantIdInput = z.object({ merchantId: z.string() });
export const merchantDisabledInput = z.object({ merchantId: z.string(), disabled: z.boolean() });

export async function createMerchantAction(ctx: ConsoleCtx, raw: z.input<typeof createMerchantInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const input = createMerchantInput.parse(raw);
  // Audited inside createMerchant's transaction (not on a replay). The snapshot leaves out the
  // onboarding link: it is a bearer credential, and the audit log is read by people who are not the merchant.
  const { merchant } = await createMerchant(scope, input, {
    audit: (m) => ({ actor: user, action: "merchant.created", partnerId: partner.id, targetType: "merchant", targetId: m.id, after: serializeMerchant(m, partner.slug, null), ip: ctx.ip }),
  });
  return presentMerchant(partner.slug, merchant);
}

export async function onboardingLinkAction(ctx: ConsoleCtx, raw: z.input<typeof merchantIdInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const { merchantId } = merchantIdInput.parse(raw);
  const link = await createOnboardingLink(scope, merchantId, null, {
    audit: (l) => ({ actor: user, action: "merchant.onboarding_link_created", partnerId: partner.id, targetType: "merchant", targetId: l.merchant.id, after: { expires_at: l.expiresAt }, ip: ctx.ip }),
  });
  return { url: link.onboardingUrl, expiresAt: link.expiresAt };
}

/**
 * A fresh onboarding link, emailed to the merchant's own address once its transaction has committed.
 * `emailed: false` (SMTP unconfigured or down) still returns the link, for the console to show.
 */
export async function emailOnboardingLinkAction(ctx: ConsoleCtx, raw: z.input<typeof merchantIdInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const { merchantId } = merchantIdInput.parse(raw);
  // Refuse before issuing anything: a link nobody is sent is a live credential for nothing.
  const merchant = await findMerchantOrNotFound(scope, merchantId);
  if (merchant.onboardingStatus === "complete") {
    throw new ApiError("validation_error", "This merchant has already completed onboarding.", { details: [{ field: "merchant_id", issue: "onboarding is already complete" }] });
  }
  if (!merchant.email) {
    throw new ApiError("validation_error", "This merchant has no email address. Copy the onboarding link and send it yourself.", { details: [{ field: "email", issue: "the merchant has no email address" }] });
  }
  // The audit names the recipient, never the link: it is a bearer credential.
  const link = await createOnboardingLink(scope, merchant.id, null, {
    audit: (l) => ({ actor: user, action: "merchant.onboarding_link_emailed", partnerId: partner.id, targetType: "merchant", targetId: l.merchant.id, after: { email: l.merchant.email, expires_at: l.expiresAt }, ip: ctx.ip }),
  });
  const to = link.merchant.email ?? merchant.email;
  const { sent } = await emailOnboardingLink({ to, url: link.onboardingUrl, expiresAt: link.expiresAt, partnerName: partner.name, merchantName: link.merchant.businessName ?? link.merchant.displayName });
  return { url: link.onboardingUrl, expiresAt: link.expiresAt, to, emailed: sent };
}

export async function setMerchantDisabledAction(ctx: ConsoleCtx, raw: z.input<typeof merchantDisabledInput>) {
  const { user, scope } = partnerScope(ctx);
  const { merchantId, disabled } = merchantDisabledInput.parse(raw);
  const merchant = await findMerchantOrNotFound(scope, merchantId);
  return setMerchantDisabled(merchant.id, disabled, { actor: user, ip: ctx.ip });
}
