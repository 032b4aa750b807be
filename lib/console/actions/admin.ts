// Admin portal actions. Each starts with requireAdmin on the session the server resolved; objects
// are looked up by id across all partners (admins act on behalf of anyone — seeds).
import { z } from "zod";
import { ApiError } from "@/lib/errors";
import { assertIdShape, notFound } from "@/lib/tenancy";
import { recordAudit } from "@/lib/audit/record";
import { issueInvite } from "@/lib/auth/console/invites";
import { requireAdmin } from "@/lib/auth/console/require";
import type { ConsoleSession } from "@/lib/auth/console/session";
import { db } from "@/lib/db";
import { emailInvite } from "@/lib/email/invite-email";
import { createPartner, partnerSummary, type CreatePartnerInput } from "@/lib/partners/create-partner";
import { brandingInput, updatePartnerBranding } from "@/lib/partners/update-branding";
import { createRequest } from "@/lib/requests/create-request";
import { serializeRequest } from "@/lib/requests/serialize-request";
import { createRequestInput } from "@/lib/schemas/request";
import { setMerchantDisabled } from "../set-merchant-disabled";

type Ctx = { session: ConsoleSession | null; ip?: string | null };


/** Provisioning (seeds: "Ask a JoPay admin to provision a partner account"). */
export async function provisionPartnerAction(ctx: Ctx, raw: CreatePartnerInput) {
  const { user } = requireAdmin(ctx.session);
  return createPartner(raw, { actor: user, ip: ctx.ip });
}

async function partnerById(id: string) {
  assertIdShape(id);
  const p = await db.partner.findUnique({ where: { id } });
  if (!p) throw notFound();
  return p;
}

export const partnerLimitsInput = z.object({
  partnerId: z.string(),
  disabled: z.boolean().optional(),
  rateLimitPerMinute: z.number().int().positive().nullable().optional(),
  merchantCreateLimitPerMinute: z.number().int().positive().nullable().optional(),
});

/** Disable/enable a partner and set its rate-limit overrides (null = platform default). */
export async function updatePartnerAction(ctx: Ctx, raw: z.input<typeof partnerLimitsInput>) {
  const { user } = requireAdmin(ctx.session);
  const { partnerId, ...changes } = partnerLimitsInput.parse(raw);
  const current = await partnerById(partnerId);
  return db.$transaction(async (tx) => {
    const after = await tx.partner.update({ where: { id: current.id }, data: changes });
    await recordAudit(tx, { actor: user, action: "partner.updated", partnerId: current.id, targetType: "partner", targetId: current.id, before: partnerSummary(current), after: partnerSummary(after), ip: ctx.ip });
    return after;
  });
}

/** Branding and policy of any partner, with the console's own validation and audit (the actor is the admin). */
export async function adminUpdateBrandingAction(ctx: Ctx, raw: { partnerId: string } & z.input<typeof brandingInput>) {
  const { user } = requireAdmin(ctx.session);
  const { partnerId, ...branding } = raw;
  const partner = await partnerById(partnerId);
  return updatePartnerBranding(partner.id, branding, { actor: user, ip: ctx.ip });
}

export const invitePartnerUserInput = z.object({ partnerId: z.string(), email: z.email("Enter an email address.").max(254) });

export async function invitePartnerUserAction(ctx: Ctx, raw: z.input<typeof invitePartnerUserInput>) {
  const { user } = requireAdmin(ctx.session);
  const { partnerId, email } = invitePartnerUserInput.parse(raw);
  const partner = await partnerById(partnerId);
  const { invite, url } = await db.$transaction(async (tx) => {
    const issued = await issueInvite(tx, { email, role: "partner_member", partnerId: partner.id, invitedById: user.id });
    await recordAudit(tx, { actor: user, action: "invite.created", partnerId: partner.id, targetType: "invite", targetId: issued.invite.id, after: { email: issued.invite.email, role: issued.invite.role, expires_at: issued.invite.expiresAt }, ip: ctx.ip });
    return issued;
  });
  // After the commit; the portal shows the link to copy whether or not the email went out.
  const { sent } = await emailInvite({ to: invite.email, url, expiresAt: invite.expiresAt, partnerName: partner.name, invitedBy: `${user.email} (JoPay)` });
  return { url, expiresAt: invite.expiresAt, emailed: sent };
}

export const userDisabledInput = z.object({ userId: z.string(), disabled: z.boolean() });

export async function setUserDisabledAction(ctx: Ctx, raw: z.input<typeof userDisabledInput>) {
  const { user } = requireAdmin(ctx.session);
  const { userId, disabled } = userDisabledInput.parse(raw);
  assertIdShape(userId);
  if (userId === user.id) throw new ApiError("validation_error", "You cannot disable yourself.");
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId } });
    if (!before) throw notFound();
    const after = await tx.user.update({ where: { id: userId }, data: { disabled } });
    await recordAudit(tx, { actor: user, action: disabled ? "user.disabled" : "user.enabled", partnerId: after.partnerId, targetType: "user", targetId: after.id, before: { disabled: before.disabled }, after: { disabled: after.disabled }, ip: ctx.ip });
    return { id: after.id, disabled: after.disabled };
  });
}

export const adminMerchantDisabledInput = z.object({ merchantId: z.string(), disabled: z.boolean() });

export async function adminSetMerchantDisabledAction(ctx: Ctx, raw: z.input<typeof adminMerchantDisabledInput>) {
  const { user } = requireAdmin(ctx.session);
  const { merchantId, disabled } = adminMerchantDisabledInput.parse(raw);
  assertIdShape(merchantId);
  const merchant = await db.merchant.findUnique({ where: { id: merchantId } });
  if (!merchant) throw notFound();
  return setMerchantDisabled(merchant.id, disabled, { actor: user, ip: ctx.ip });
}

export const onBehalfInput = createRequestInput;

/** seeds: "JoPay: Yes, via admin (on behalf of anyone)" — the one createRequest, createdVia admin. */
export async function createRequestOnBehalfAction(ctx: Ctx, raw: z.input<typeof createRequestInput>) {
  const { user } = requireAdmin(ctx.session);
  const fields = createRequestInput.parse(raw);
  assertIdShape(fields.merchant_id);
  const merchant = await db.merchant.findUnique({ where: { id: fields.merchant_id }, include: { partner: true } });
  if (!merchant) throw notFound();
  // The audit row is written in createRequest's insert transaction (not on an idempotent replay).
  const { request } = await createRequest({ partner: merchant.partner, testMode: merchant.testMode, createdVia: "admin" }, raw, {
    audit: (created) => ({ actor: user, action: "request.created_on_behalf", partnerId: merchant.partnerId, targetType: "request", targetId: created.id, after: serializeRequest(created), ip: ctx.ip }),
  });
  return request;
}
