import { z } from "zod";
import { db } from "@/lib/db";
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

export class PartnerSlugTaken extends Error {}

export async function createPartner(input: CreatePartnerInput) {
  const data = createPartnerInput.parse(input);
  const existing = await db.partner.findUnique({ where: { slug: data.slug } });
  if (existing) throw new PartnerSlugTaken(`a partner with slug "${data.slug}" already exists`);
  return db.partner.create({ data: { ...data, currency: data.currency.toUpperCase() } });
}
