// A partner's branding and policy (name, logo, colours, currency, allowed expiries, default POS
// expiry, required onboarding fields, origins allowed to frame the pay page): one validation and
// one audited update, whether a partner member saves it in the console or a JoPay admin does it
// for them in the portal. Validation reuses the partner provisioning schema's rules.
import { z } from "zod";
import { notFound } from "@/lib/tenancy";
import { ONBOARDING_FIELDS } from "@/lib/auth/merchant/onboard";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { Partner } from "@/lib/generated/prisma/client";
import { frameAncestorOrigins } from "@/lib/pay-page/content-security-policy";
import { refuseControlCharacters } from "@/lib/schemas/common";
import { createPartnerInput } from "./create-partner";

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

/** Who is saving: the audit entry's actor and address (the partner id is the one being changed). */
export type BrandingEditor = { actor: AuditEntry["actor"]; ip?: string | null };

/** Validates, updates and audits (`partner.branding_updated`, before and after) in one transaction. */
export async function updatePartnerBranding(partnerId: string, raw: z.input<typeof brandingInput>, by: BrandingEditor): Promise<Partner> {
  const input = brandingInput.parse(raw);
  const data = {
    ...input,
    currency: input.currency.toUpperCase(),
    allowedExpiryMinutes: [...new Set(input.allowedExpiryMinutes)].sort((a, b) => a - b),
    payPageFrameAncestors: [...new Set(input.payPageFrameAncestors)],
  };
  return db.$transaction(async (tx) => {
    const before = await tx.partner.findUnique({ where: { id: partnerId } });
    if (!before) throw notFound();
    const after = await tx.partner.update({ where: { id: partnerId }, data });
    await recordAudit(tx, { actor: by.actor, action: "partner.branding_updated", partnerId, targetType: "partner", targetId: partnerId, before: brandingOf(before), after: brandingOf(after), ip: by.ip });
    return after;
  });
}
