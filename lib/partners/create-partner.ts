import { z } from "zod";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { currencyCode, refuseControlCharacters } from "@/lib/schemas/common";

export const partnerSlug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "1–40 lower-case letters, digits or hyphens; no leading/trailing hyphen")
  .refine((s) => !["www", "app", "admin", "api", "pay", "docs"].includes(s), "reserved name");

export const createPartnerInput = z.object({
  slug: partnerSlug,
  name: refuseControlCharacters(z.string().trim().min(1).max(120)),
  currency: currencyCode,
  brandLogoUrl: refuseControlCharacters(z.url().max(500)).optional(),
  brandPrimaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
  brandAccentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
  allowedExpiryMinutes: z.array(z.number().int().min(1).max(60 * 24 * 90)).min(1).optional(),
  defaultPosExpiryMinutes: z.number().int().min(1).optional(),
  onboardingRequiredFields: z.array(z.string()).optional(),
  rateLimitPerMinute: z.number().int().positive().optional(),
  merchantCreateLimitPerMinute: z.number().int().positive().optional(),
});
export type CreatePartnerInput = z.input<typeof createPartnerInput>;

/** A partner as the audit log records it. */
export const partnerSummary = (p: { id: string; slug: string; name: string; currency: string; disabled: boolean; rateLimitPerMinute: number | null; merchantCreateLimitPerMinute: number | null }) => ({
  id: p.id,
  slug: p.slug,
  name: p.name,
  currency: p.currency,
  disabled: p.disabled,
  rate_limit_per_minute: p.rateLimitPerMinute,
  merchant_create_limit_per_minute: p.merchantCreateLimitPerMinute,
});

/** Its message is meant for the operator (admin portal, CLI). */
export class PartnerSlugTaken extends Error {}

/** Provisions a partner with its audit entry (seeds: "Ask a JoPay admin to provision a partner account").
 * The slug's unique index decides a race: of two creates with one slug, one wins, the other gets
 * PartnerSlugTaken. */
export async function createPartner(input: CreatePartnerInput, audit: Pick<AuditEntry, "actor" | "ip">) {
  const data = createPartnerInput.parse(input);
  try {
    return await db.$transaction(async (tx) => {
      const partner = await tx.partner.create({ data: { ...data, currency: data.currency.toUpperCase() } });
      await recordAudit(tx, {
        ...audit,
        action: "partner.provisioned",
        partnerId: partner.id,
        targetType: "partner",
        targetId: partner.id,
        after: { ...partnerSummary(partner), brand_logo_url: partner.brandLogoUrl, brand_primary_color: partner.brandPrimaryColor, brand_accent_color: partner.brandAccentColor },
      });
      return partner;
    });
  } catch (err) {
    if (uniqueViolation(err)) throw new PartnerSlugTaken(`A partner with slug "${data.slug}" already exists.`);
    throw err;
  }
}
