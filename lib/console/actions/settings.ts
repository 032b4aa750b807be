// Partner console: branding and policy (name, logo, colours, currency, allowed expiries, default POS
// expiry, required onboarding fields, origins allowed to frame the pay page). Validation reuses the
// partner provisioning schema's rules.
import { z } from "zod";
import { ONBOARDING_FIELDS } from "@/lib/auth/onboard-merchant";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { Partner } from "@/lib/generated/prisma/client";
import { createPartnerInput } from "@/lib/partners/create-partner";
import { frameAncestorOrigins } from "@/lib/pay-page/content-security-policy";
import { refuseControlCharacters } from "@/lib/schemas/common";
import { partnerScope, type ConsoleCtx } from "../context";

export const brandingInput = z
  .object({
    name: createPartnerInput.shape.name,
    currency: createPartnerInput.shape.currency,
    brandLogoUrl: z.union([z.literal(""), refuseControlCharacters(z.url({ protocol: /^https?$/ }).max(500))]).transform((v) => v || null),
    brandPrimaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour like #1d4ed8"),
    brandAccentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour like #0f172a"),
    allowedExpiryMinutes: z.array(z.number().int().min(1).max(60 * 24 * 90)).min(1, "allow at least one expiry"),
    defaultPosExpiryMinutes: z.number().int().min(1),
    onboardingRequiredFields: z.array(z.enum(ONBOARDING_FIELDS)),
    payPageFrameAncestors: frameAncestorOrigins.default([]),
  })
  .refine((v) => v.allowedExpiryMinutes.includes(v.defaultPosExpiryMinutes), { message: "the default expiry must be one of the allowed ones", path: ["defaultPosExpiryMinutes"] });

export const brandingOf = (p: Partner) => ({
  name: p.name,
  currency: p.currency,
  brandLogoUrl: p.brandLogoUrl,
  brandPrimaryColor: p.brandPrimaryColor,
  brandAccentColor: p.brandAccentColor,
  allowedExpiryMinutes: p.allowedExpiryMinutes,
  defaultPosExpiryMinutes: p.defaultPosExpiryMinutes,
  onboardingRequiredFields: p.onboardingRequiredFields,
  payPageFrameAncestors: p.payPageFrameAncestors,
});

export async function updateBrandingAction(ctx: ConsoleCtx, raw: z.input<typeof brandingInput>) {
  const { user, partner } = partnerScope(ctx);
  const input = brandingInput.parse(raw);
  const data = {
    ...input,
    currency: input.currency.toUpperCase(),
    allowedExpiryMinutes: [...new Set(input.allowedExpiryMinutes)].sort((a, b) => a - b),
    payPageFrameAncestors: [...new Set(input.payPageFrameAncestors)],
  };
  return db.$transaction(async (tx) => {
    const before = await tx.partner.findUniqueOrThrow({ where: { id: partner.id } });
    const after = await tx.partner.update({ where: { id: partner.id }, data });
    await recordAudit(tx, { actor: user, action: "partner.branding_updated", partnerId: partner.id, targetType: "partner", targetId: partner.id, before: brandingOf(before), after: brandingOf(after), ip: ctx.ip });
    return after;
  });
}
