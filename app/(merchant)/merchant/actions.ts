"use server";
// Server actions of the merchant surfaces. Thin: each one resolves the caller (onboarding link or
// merchant session) and calls a domain function; errors come back as messages, never as a 500, in
// the language the page is shown in (./preferences.ts), through the one mapper (./action-failure.ts).
import { currentMerchant, requestHost, signInVerifiedMerchant, signInWithWallet } from "@/lib/auth/session/current-merchant";
import { SIGN_IN_PURPOSE, SIGN_IN_STATEMENT } from "@/lib/auth/merchant/sign-in";
import { endSession } from "@/lib/auth/session/next-auth";
import { loadOnboardingLink, ONBOARDING_STATEMENT, onboardingPurpose, onboardMerchant } from "@/lib/auth/merchant/onboard";
import { prepareSiweMessage } from "@/lib/auth/merchant/siwe-message";
import { createDashboardRequest } from "@/lib/merchants/dashboard-requests";
import { parseMinor } from "@/lib/merchants/money-format";
import { changePayoutWallet, WALLET_CHANGE_STATEMENT, walletChangePurpose } from "@/lib/merchants/change-payout-wallet";
import { updateMerchantProfile } from "@/lib/merchants/update-merchant-profile";
import { currencyExponent } from "@/lib/fx/currencies";
import { effectiveCurrency } from "@/lib/requests/create-request";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { dashboardMessagesFor, type DashboardMessages } from "@/lib/i18n/dashboard-messages";
import { isLocale } from "@/lib/i18n/locales";
import { ADDRESS_RE } from "@/lib/schemas/hex";
import { actionFailure, type ActionFailure } from "./action-failure";
import { LANGUAGE_COOKIE, merchantPreferences } from "./preferences";

export type ActionResult<T = object> = ({ ok: true } & T) | ActionFailure;

const validChain = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n > 0;

/** The catalogue of the language the merchant reads the page in: the page's own choice. */
const messages = async (): Promise<DashboardMessages> => dashboardMessagesFor((await merchantPreferences()).locale);

/**
 * Runs an action's body with the merchant's catalogue; whatever it throws becomes a message in that
 * language. The catalogue is read first, outside the try: it needs only the request's headers.
 */
async function withMessages<R>(body: (m: DashboardMessages) => Promise<R>): Promise<R | ActionFailure> {
  const m = await messages();
  try {
    return await body(m);
  } catch (err) {
    return actionFailure(err, m);
  }
}

/** The SIWE message for finishing onboarding with `address`. */
export async function prepareOnboardingSignature(token: string, address: string, chainId: number): Promise<ActionResult<{ message: string }>> {
  return withMessages(async (m) => {
    if (!ADDRESS_RE.test(address) || !validChain(chainId)) return { ok: false, error: m.err_walletInvalidAccount };
    const link = await loadOnboardingLink(token);
    if (!link) return { ok: false, error: m.err_onboardingLink };
    const message = await prepareSiweMessage({
      address,
      chainId,
      purpose: onboardingPurpose(link.token.id),
      statement: ONBOARDING_STATEMENT,
      requestHost: await requestHost(),
    });
    return { ok: true, message };
  });
}

export interface SubmitOnboardingInput {
  token: string;
  message: string;
  signature: string;
  address: string;
  termsAccepted: boolean;
  termsVersion: string;
  fields: Record<string, string>;
}

/** Completes onboarding, signs the merchant in, and says where to go next (return_url or dashboard). */
export async function submitOnboarding(input: SubmitOnboardingInput): Promise<ActionResult<{ redirectTo: string }>> {
  return withMessages(async () => {
    const { merchant, returnUrl } = await onboardMerchant({
      token: String(input.token),
      message: String(input.message),
      signature: String(input.signature),
      connectedAddress: String(input.address),
      termsAccepted: input.termsAccepted === true,
      termsVersion: String(input.termsVersion),
      fields: Object.fromEntries(Object.entries(input.fields ?? {}).map(([k, v]) => [k, String(v)])),
      requestHost: await requestHost(),
    });
    await signInVerifiedMerchant(merchant.id, merchant.walletAddress!);
    return { ok: true, redirectTo: returnUrl ?? "/merchant" };
  });
}

export async function prepareSignIn(address: string, chainId: number): Promise<ActionResult<{ message: string }>> {
  return withMessages(async (m) => {
    if (!ADDRESS_RE.test(address) || !validChain(chainId)) return { ok: false, error: m.err_walletInvalidAccount };
    const message = await prepareSiweMessage({ address, chainId, purpose: SIGN_IN_PURPOSE, statement: SIGN_IN_STATEMENT, requestHost: await requestHost() });
    return { ok: true, message };
  });
}

export async function submitSignIn(message: string, signature: string, address: string): Promise<ActionResult> {
  return withMessages(async () => {
    // next-auth's "siwe" provider verifies the signature (lib/auth/session/next-auth.ts) and sets the cookie.
    await signInWithWallet({ message: String(message), signature: String(signature), address: String(address) });
    return { ok: true };
  });
}

export async function signOut(): Promise<void> {
  await endSession();
  redirect("/merchant/sign-in");
}

export interface CreateLinkInput {
  amount: string;
  mode: "pos" | "invoice";
  memo?: string;
  customerName?: string;
  customerEmail?: string;
  customerPhone?: string;
}

/** A payment link for the signed-in merchant; `amount` is decimal text in the merchant's currency. */
export async function createPaymentLink(input: CreateLinkInput): Promise<ActionResult<{ requestId: string }>> {
  return withMessages(async (m) => {
    const session = await currentMerchant();
    if (!session) return { ok: false, error: m.sessionEnded };
    const minor = parseMinor(String(input.amount), currencyExponent(effectiveCurrency(session.merchant, session.partner)));
    if (minor === null) return { ok: false, error: m.amountInvalid, fieldErrors: { amount: m.amountInvalid } };
    const blank = (v?: string) => (v && v.trim() ? v.trim() : undefined);
    const request = await createDashboardRequest(session, {
      fiat_amount_int: minor,
      payment_mode: input.mode === "invoice" ? "invoice" : "pos",
      memo: blank(input.memo),
      customer_name: blank(input.customerName),
      customer_email: blank(input.customerEmail),
      customer_phone: blank(input.customerPhone),
    });
    return { ok: true, requestId: request.id };
  });
}

/** Where the language switcher may send the merchant back to: one of the merchant pages only. */
const backTo = (path: string) => (/^\/merchant(?:[/?#]|$)/.test(path) ? path : "/merchant");

/** The language switcher: remembers the choice (a year) and shows the same page again in it. */
export async function chooseLanguage(locale: string, back: string): Promise<void> {
  if (isLocale(locale)) (await cookies()).set(LANGUAGE_COOKIE, locale, { path: "/", maxAge: 365 * 86_400, sameSite: "lax", httpOnly: true });
  redirect(backTo(String(back)));
}

export async function saveProfile(fields: Record<string, string>): Promise<ActionResult> {
  return withMessages(async (m) => {
    const session = await currentMerchant();
    if (!session) return { ok: false, error: m.sessionEnded };
    const allowed = ["display_name", "business_name", "email", "country", "phone", "website", "instagram", "industry", "display_currency"];
    await updateMerchantProfile(session.merchant.id, Object.fromEntries(allowed.map((k) => [k, String(fields[k] ?? "")])));
    return { ok: true };
  });
}

export async function prepareWalletChange(address: string, chainId: number): Promise<ActionResult<{ message: string }>> {
  return withMessages(async (m) => {
    const session = await currentMerchant();
    if (!session) return { ok: false, error: m.sessionEnded };
    if (!ADDRESS_RE.test(address) || !validChain(chainId)) return { ok: false, error: m.err_walletInvalidAccount };
    const message = await prepareSiweMessage({
      address,
      chainId,
      purpose: walletChangePurpose(session.merchant.id),
      statement: WALLET_CHANGE_STATEMENT,
      requestHost: await requestHost(),
    });
    return { ok: true, message };
  });
}

/** Switches the payout wallet and re-issues the session for the new wallet. */
export async function submitWalletChange(message: string, signature: string, address: string): Promise<ActionResult> {
  return withMessages(async (m) => {
    const session = await currentMerchant();
    if (!session) return { ok: false, error: m.sessionEnded };
    const merchant = await changePayoutWallet(session.merchant.id, {
      message: String(message),
      signature: String(signature),
      connectedAddress: String(address),
      requestHost: await requestHost(),
    });
    // The old session named the old wallet and no longer counts; sign in again for the new one.
    await signInVerifiedMerchant(merchant.id, merchant.walletAddress!);
    return { ok: true };
  });
}
