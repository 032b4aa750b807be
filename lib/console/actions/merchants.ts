// Partner console: merchants — create a shell merchant, a fresh onboarding link, disable/enable.
// Creation and links go through the same domain functions as the Merchants API.
import { z } from "zod";
import { findMerchantOrNotFound } from "@/lib/api/tenant";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { createMerchant } from "@/lib/merchants/create-merchant";
import { createOnboardingLink } from "@/lib/merchants/create-onboarding-link";
import { presentMerchant } from "@/lib/merchants/present-merchants";
import { createMerchantInput } from "@/lib/schemas/merchant";
import { partnerScope, type ConsoleCtx } from "../context";
import { setMerchantDisabled } from "../set-merchant-disabled";

export const merchantIdInput = z.object({ merchantId: z.string() });
export const merchantDisabledInput = z.object({ merchantId: z.string(), disabled: z.boolean() });

export async function createMerchantAction(ctx: ConsoleCtx, raw: z.input<typeof createMerchantInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const input = createMerchantInput.parse(raw);
  const { merchant, replay } = await createMerchant(scope, input);
  const out = await presentMerchant(partner.slug, merchant);
  // createMerchant runs its own transaction; the audit row follows it (see report on atomicity).
  if (!replay) {
    await db.$transaction((tx) => recordAudit(tx, { actor: user, action: "merchant.created", partnerId: partner.id, targetType: "merchant", targetId: merchant.id, after: out, ip: ctx.ip }));
  }
  return out;
}

export async function onboardingLinkAction(ctx: ConsoleCtx, raw: z.input<typeof merchantIdInput>) {
  const { user, partner, scope } = partnerScope(ctx);
  const { merchantId } = merchantIdInput.parse(raw);
  const link = await createOnboardingLink(scope, merchantId, null);
  await db.$transaction((tx) =>
    recordAudit(tx, { actor: user, action: "merchant.onboarding_link_created", partnerId: partner.id, targetType: "merchant", targetId: link.merchant.id, after: { expires_at: link.expiresAt }, ip: ctx.ip }),
  );
  return { url: link.onboardingUrl, expiresAt: link.expiresAt };
}

export async function setMerchantDisabledAction(ctx: ConsoleCtx, raw: z.input<typeof merchantDisabledInput>) {
  const { user, scope } = partnerScope(ctx);
  const { merchantId, disabled } = merchantDisabledInput.parse(raw);
  const merchant = await findMerchantOrNotFound(scope, merchantId);
  return setMerchantDisabled(merchant.id, disabled, { actor: user, ip: ctx.ip });
}
