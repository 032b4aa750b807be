"use server";
// Admin portal server actions: each resolves the session on the server and calls a lib/console
// admin action, which calls requireAdmin itself.
import { clientIp, currentConsoleSession } from "@/lib/auth/session/current-console-user";
import * as admin from "@/lib/console/actions/admin";
import { brandingFromForm } from "@/lib/console/branding-form";
import { intOrUndefined, optional, text, type FormState } from "@/lib/console/form-state";
import { runConsoleAction } from "@/lib/console/run-action";
import { parseMinor } from "@/lib/merchants/money-format";
import { currencyExponent } from "@/lib/fx/currencies";

const adminContext = async () => ({ session: await currentConsoleSession(), ip: await clientIp() });
const run = (fn: (c: Awaited<ReturnType<typeof adminContext>>) => Promise<FormState>) => runConsoleAction("/admin", adminContext, fn);

export async function provisionPartner(_p: FormState | null, fd: FormData) {
  return run(async (c) => {
    const partner = await admin.provisionPartnerAction(c, {
      slug: text(fd, "slug"),
      name: text(fd, "name"),
      currency: text(fd, "currency").toUpperCase(),
      brandLogoUrl: optional(fd, "brandLogoUrl"),
      brandPrimaryColor: optional(fd, "brandPrimaryColor"),
      brandAccentColor: optional(fd, "brandAccentColor"),
      rateLimitPerMinute: intOrUndefined(fd, "rateLimitPerMinute"),
      merchantCreateLimitPerMinute: intOrUndefined(fd, "merchantCreateLimitPerMinute"),
    });
    return { ok: true, message: `Partner ${partner.slug} provisioned.` };
  });
}

export async function updatePartner(partnerId: string, _p: FormState | null, fd: FormData) {
  return run(async (c) => {
    const limit = (n: string) => (text(fd, n) === "" ? null : Number(text(fd, n)));
    await admin.updatePartnerAction(c, { partnerId, disabled: fd.get("disabled") === "on", rateLimitPerMinute: limit("rateLimitPerMinute"), merchantCreateLimitPerMinute: limit("merchantCreateLimitPerMinute") });
    return { ok: true, message: "Saved." };
  });
}

export async function updatePartnerBranding(partnerId: string, _p: FormState | null, fd: FormData) {
  return run(async (c) => (await admin.adminUpdateBrandingAction(c, { partnerId, ...brandingFromForm(fd) }), { ok: true, message: "Branding saved." }));
}

export async function invitePartnerUser(partnerId: string, _p: FormState | null, fd: FormData) {
  return run(async (c) => {
    const { url, emailed } = await admin.invitePartnerUserAction(c, { partnerId, email: text(fd, "email") });
    const sent = emailed ? "Invite created and emailed. You can also send this link yourself" : "Invite created. Send this link";
    return { ok: true, message: `${sent}; it works once, for 7 days.`, secret: url, secretLabel: "Invite link" };
  });
}

export async function setUserDisabled(userId: string, disabled: boolean, _p: FormState | null) {
  return run(async (c) => (await admin.setUserDisabledAction(c, { userId, disabled }), { ok: true, message: disabled ? "User disabled." : "User enabled." }));
}

export async function setMerchantDisabled(merchantId: string, disabled: boolean, _p: FormState | null) {
  return run(async (c) => (await admin.adminSetMerchantDisabledAction(c, { merchantId, disabled }), { ok: true, message: disabled ? "Merchant disabled." : "Merchant enabled." }));
}

/** `amount` is decimal text in the merchant's currency, turned into minor units without floats. */
export async function createOnBehalf(merchantId: string, currency: string, _p: FormState | null, fd: FormData) {
  return run(async (c) => {
    const minor = parseMinor(text(fd, "amount"), currencyExponent(currency));
    if (minor === null) return { ok: false, error: "Enter an amount like 12.50." };
    const request = await admin.createRequestOnBehalfAction(c, { merchant_id: merchantId, fiat_amount_int: minor, memo: optional(fd, "memo") });
    return { ok: true, message: `Request ${request.id} created.` };
  });
}
