"use server";
// Partner console server actions: each resolves the session and mode on the server and calls a
// lib/console action, which checks role and tenant itself (lib/console/context.ts). Nothing here
// trusts an id or a partner from the form beyond passing it to those checks.
import { clientIp, currentConsoleSession } from "@/lib/auth/session/current-console-user";
import { createKeyAction, revokeKeyAction, rollKeyAction } from "@/lib/console/actions/api-keys";
import { createMerchantAction, emailOnboardingLinkAction, onboardingLinkAction, setMerchantDisabledAction } from "@/lib/console/actions/merchants";
import { cancelRequestAction } from "@/lib/console/actions/requests";
import { updateBrandingAction } from "@/lib/console/actions/settings";
import { inviteTeammateAction } from "@/lib/console/actions/team";
import { createEndpointAction, redeliverAction, rotateSecretAction, sendTestEventAction, setEndpointDisabledAction } from "@/lib/console/actions/webhooks";
import { brandingFromForm } from "@/lib/console/branding-form";
import type { ConsoleCtx } from "@/lib/console/context";
import { list, optional, text, type FormState } from "@/lib/console/form-state";
import { runConsoleAction } from "@/lib/console/run-action";
import { consoleTestMode } from "@/lib/console/mode";
import type { Scope } from "@/lib/api-keys/scopes";

async function ctx(): Promise<ConsoleCtx> {
  return { session: await currentConsoleSession(), testMode: await consoleTestMode(), ip: await clientIp() };
}

const run = (fn: (c: ConsoleCtx) => Promise<FormState>) => runConsoleAction("/partner", ctx, fn);

export async function createKey(_p: FormState | null, fd: FormData) {
  return run(async (c) => {
    const { key, apiKey } = await createKeyAction(c, { name: text(fd, "name"), mode: text(fd, "mode") === "test" ? "test" : "live", scopes: list(fd, "scopes") as Scope[] });
    return { ok: true, message: `Created ${apiKey.mode} key ${apiKey.display_prefix}…`, secret: key, secretLabel: "Your new API key" };
  });
}

export async function revokeKey(keyId: string, _p: FormState | null) {
  return run(async (c) => (await revokeKeyAction(c, { keyId }), { ok: true, message: "Key revoked." }));
}

export async function rollKey(keyId: string, _p: FormState | null, fd: FormData) {
  return run(async (c) => {
    const { key, oldKey } = await rollKeyAction(c, { keyId, overlapDays: Number(text(fd, "overlapDays") || 0) });
    return { ok: true, message: `Rolled. The old key works until ${oldKey.expires_at?.toISOString()}.`, secret: key, secretLabel: "Your new API key" };
  });
}

export async function createMerchant(_p: FormState | null, fd: FormData) {
  return run(async (c) => {
    const m = await createMerchantAction(c, {
      business_name: optional(fd, "business_name"),
      display_name: optional(fd, "display_name"),
      email: optional(fd, "email"),
      country: optional(fd, "country")?.toUpperCase(),
      display_currency: optional(fd, "display_currency"),
      account_type: text(fd, "account_type") === "consumer" ? "consumer" : "business",
    });
    return { ok: true, message: `Merchant ${m.merchant_id} created.`, secret: m.onboarding_url ?? undefined, secretLabel: "Onboarding link (send it to the merchant)" };
  });
}

export async function newOnboardingLink(merchantId: string, _p: FormState | null) {
  return run(async (c) => {
    const { url, expiresAt } = await onboardingLinkAction(c, { merchantId });
    return { ok: true, message: `Valid until ${expiresAt.toISOString()}.`, secret: url, secretLabel: "Onboarding link" };
  });
}

export async function emailOnboardingLink(merchantId: string, _p: FormState | null) {
  return run(async (c) => {
    const { url, expiresAt, to, emailed } = await emailOnboardingLinkAction(c, { merchantId });
    const sent = emailed ? `Emailed to ${to}.` : "Not emailed — copy the link instead.";
    return { ok: true, message: `${sent} Valid until ${expiresAt.toISOString()}.`, secret: url, secretLabel: "Onboarding link" };
  });
}

export async function setMerchantDisabled(merchantId: string, disabled: boolean, _p: FormState | null) {
  return run(async (c) => (await setMerchantDisabledAction(c, { merchantId, disabled }), { ok: true, message: disabled ? "Merchant disabled." : "Merchant enabled." }));
}

export async function cancelRequest(requestId: string, _p: FormState | null) {
  return run(async (c) => (await cancelRequestAction(c, { requestId }), { ok: true, message: "Request cancelled." }));
}

export async function createEndpoint(_p: FormState | null, fd: FormData) {
  return run(async (c) => {
    const { endpoint, secret } = await createEndpointAction(c, { url: text(fd, "url"), description: optional(fd, "description"), events: list(fd, "events") as never });
    return { ok: true, message: `Endpoint ${endpoint.webhook_endpoint_id} registered.`, secret, secretLabel: "Signing secret" };
  });
}

export async function rotateSecret(endpointId: string, _p: FormState | null) {
  return run(async (c) => {
    const { secret, endpoint } = await rotateSecretAction(c, { endpointId });
    return { ok: true, message: `The previous secret keeps signing until ${endpoint.previous_secret_expires_at}.`, secret, secretLabel: "New signing secret" };
  });
}

export async function setEndpointDisabled(endpointId: string, disabled: boolean, _p: FormState | null) {
  return run(async (c) => (await setEndpointDisabledAction(c, { endpointId, disabled }), { ok: true, message: disabled ? "Endpoint disabled." : "Endpoint enabled." }));
}

export async function sendTestEvent(endpointId: string, _p: FormState | null) {
  return run(async (c) => {
    const { eventId } = await sendTestEventAction(c, { endpointId });
    return { ok: true, message: `Test event ${eventId} queued for this endpoint only; see the delivery log.` };
  });
}

export async function redeliver(eventId: string, endpointId: string | null, _p: FormState | null) {
  return run(async (c) => (await redeliverAction(c, { eventId, endpointId: endpointId ?? undefined }), { ok: true, message: "Queued for redelivery." }));
}

export async function updateBranding(_p: FormState | null, fd: FormData) {
  return run(async (c) => (await updateBrandingAction(c, brandingFromForm(fd)), { ok: true, message: "Saved." }));
}

export async function inviteTeammate(_p: FormState | null, fd: FormData) {
  return run(async (c) => {
    const { url, emailed } = await inviteTeammateAction(c, { email: text(fd, "email") });
    const sent = emailed ? "Invite created and emailed. You can also send this link yourself" : "Invite created. Send this link";
    return { ok: true, message: `${sent}; it works once, for 7 days.`, secret: url, secretLabel: "Invite link" };
  });
}
