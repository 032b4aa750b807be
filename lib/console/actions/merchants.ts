// Partner console: merchants — create a shell merchant, a fresh onboarding link, disable/enable.
// Creation and links go through the same domain functions as the Merchants API.
import { z } from "zod";
import { findMerchantOrNotFound } from "@/lib/api/tenant";
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

export async function setMerchantDisabledAction(ctx: ConsoleCtx, raw: z.input<typeof merchantDisabledInput>) {
  const { user, scope } = partnerScope(ctx);
  const { merchantId, disabled } = merchantDisabledInput.parse(raw);
  const merchant = await findMerchantOrNotFound(scope, merchantId);
  return setMerchantDisabled(merchant.id, disabled, { actor: user, ip: ctx.ip });
}
