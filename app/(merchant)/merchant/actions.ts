"use server";
// Server actions of the merchant surfaces. Thin: each one resolves the caller (onboarding link or
// merchant session) and calls a domain function; errors come back as messages, never as a 500.
import { isApiError } from "@/lib/api/errors";
import { currentMerchant, requestHost, signInVerifiedMerchant, signInWithWallet } from "@/lib/auth/current-merchant";
import { NoMerchantForWalletError, SIGN_IN_PURPOSE, SIGN_IN_STATEMENT } from "@/lib/auth/merchant-sign-in";
import { endSession, SignInRefused } from "@/lib/auth/next-auth";
import { loadOnboardingLink, ONBOARDING_STATEMENT, onboardingPurpose, onboardMerchant, OnboardingError } from "@/lib/auth/onboard-merchant";
import { SiweError } from "@/lib/auth/siwe";
import { prepareSiweMessage } from "@/lib/auth/siwe-message";
import { log } from "@/lib/log";
import { createDashboardRequest } from "@/lib/merchants/dashboard-requests";
import { parseMinor } from "@/lib/merchants/money-format";
import { changePayoutWallet, WALLET_CHANGE_STATEMENT, walletChangePurpose } from "@/lib/merchants/change-payout-wallet";
import { updateMerchantProfile } from "@/lib/merchants/update-merchant-profile";
import { currencyExponent } from "@/lib/fx/currencies";
import { effectiveCurrency } from "@/lib/requests/create-request";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ZodError } from "zod";
import { isTransientDbError } from "@/lib/db/transient-error";
import { TEMPORARY_PROBLEM } from "@/lib/console/form-state";
import { dashboardMessagesFor } from "@/lib/i18n/dashboard-messages";
import { isLocale } from "@/lib/i18n/locales";
import { LANGUAGE_COOKIE, merchantPreferences } from "./preferences";

export type ActionResult<T = object> = ({ ok: true } & T) | { ok: false; error: string; fieldErrors?: Record<string, string> };

const MERCHANT_DISABLED_MESSAGE = "This account is disabled: you can see your history, but not create new payment requests.";

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;
const validChain = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n > 0;

function fail(err: unknown): { ok: false; error: string; fieldErrors?: Record<string, string> } {
  if (err instanceof OnboardingError) return { ok: false, error: err.message, fieldErrors: err.fieldErrors };
  if (err instanceof SiweError || err instanceof NoMerchantForWalletError) return { ok: false, error: err.message };
  if (err instanceof SignInRefused) return { ok: false, error: err.userMessage };
  // The API's text ("The merchant is disabled.") speaks to partners; the merchant gets its own.
  if (isApiError(err) && err.code === "merchant_disabled") return { ok: false, error: MERCHANT_DISABLED_MESSAGE };
  if (isApiError(err)) return { ok: false, error: err.message };
  if (err instanceof ZodError) {
    const fieldErrors = Object.fromEntries(err.issues.map((i) => [i.path.join("."), i.message]));
    return { ok: false, error: "Please fix the highlighted fields.", fieldErrors };
  }
  if (isTransientDbError(err)) {
    log.error("merchant action: database unavailable", { err: err instanceof Error ? err.message : String(err) });
    return { ok: false, error: TEMPORARY_PROBLEM };
  }
  log.error("merchant action failed", { err: err instanceof Error ? err.message : String(err) });
  return { ok: false, error: "Something went wrong. Please try again." };
}

/** The SIWE message for finishing onboarding with `address`. */
export async function prepareOnboardingSignature(token: string, address: string, chainId: number): Promise<ActionResult<{ message: string }>> {
  try {
    if (!ADDRESS_RE.test(address) || !validChain(chainId)) return { ok: false, error: "The wallet returned an invalid account." };
    const link = await loadOnboardingLink(token);
    if (!link) return { ok: false, error: "This onboarding link is invalid, was already used or has expired." };
    const message = await prepareSiweMessage({
      address,
      chainId,
      purpose: onboardingPurpose(link.token.id),
      statement: ONBOARDING_STATEMENT,
      requestHost: await requestHost(),
    });
    return { ok: true, message };
  } catch (err) {
    return fail(err);
  }
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
  try {
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
  } catch (err) {
    return fail(err);
  }
}

export async function prepareSignIn(address: string, chainId: number): Promise<ActionResult<{ message: string }>> {
  try {
    if (!ADDRESS_RE.test(address) || !validChain(chainId)) return { ok: false, error: "The wallet returned an invalid account." };
    const message = await prepareSiweMessage({ address, chainId, purpose: SIGN_IN_PURPOSE, statement: SIGN_IN_STATEMENT, requestHost: await requestHost() });
    return { ok: true, message };
  } catch (err) {
    return fail(err);
  }
}

export async function submitSignIn(message: string, signature: string, address: string): Promise<ActionResult> {
  try {
    // next-auth's "siwe" provider verifies the signature (lib/auth/next-auth.ts) and sets the cookie.
    await signInWithWallet({ message: String(message), signature: String(signature), address: String(address) });
    return { ok: true };
  } catch (err) {
    return fail(err);
  }
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
  // What a shopkeeper can fix is said in the dashboard's language; the API's own validation texts stay English.
  const m = dashboardMessagesFor((await merchantPreferences()).locale);
  try {
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
  } catch (err) {
    if (isApiError(err) && err.code === "merchant_disabled") return { ok: false, error: m.accountDisabled };
    return fail(err);
  }
}

/** Where the language switcher may send the merchant back to: one of the merchant pages only. */
const backTo = (path: string) => (/^\/merchant(?:[/?#]|$)/.test(path) ? path : "/merchant");

/** The language switcher: remembers the choice (a year) and shows the same page again in it. */
export async function chooseLanguage(locale: string, back: string): Promise<void> {
  if (isLocale(locale)) (await cookies()).set(LANGUAGE_COOKIE, locale, { path: "/", maxAge: 365 * 86_400, sameSite: "lax", httpOnly: true });
  redirect(backTo(String(back)));
}

export async function saveProfile(fields: Record<string, string>): Promise<ActionResult> {
  try {
    const session = await currentMerchant();
    if (!session) return { ok: false, error: "Your session has ended. Sign in again." };
    const allowed = ["display_name", "business_name", "email", "country", "phone", "website", "instagram", "industry", "display_currency"];
    await updateMerchantProfile(session.merchant.id, Object.fromEntries(allowed.map((k) => [k, String(fields[k] ?? "")])));
    return { ok: true };
  } catch (err) {
    return fail(err);
  }
}

export async function prepareWalletChange(address: string, chainId: number): Promise<ActionResult<{ message: string }>> {
  try {
    const session = await currentMerchant();
    if (!session) return { ok: false, error: "Your session has ended. Sign in again." };
    if (!ADDRESS_RE.test(address) || !validChain(chainId)) return { ok: false, error: "The wallet returned an invalid account." };
    const message = await prepareSiweMessage({
      address,
      chainId,
      purpose: walletChangePurpose(session.merchant.id),
      statement: WALLET_CHANGE_STATEMENT,
      requestHost: await requestHost(),
    });
    return { ok: true, message };
  } catch (err) {
    return fail(err);
  }
}

/** Switches the payout wallet and re-issues the session for the new wallet. */
export async function submitWalletChange(message: string, signature: string, address: string): Promise<ActionResult> {
  try {
    const session = await currentMerchant();
    if (!session) return { ok: false, error: "Your session has ended. Sign in again." };
    const merchant = await changePayoutWallet(session.merchant.id, {
      message: String(message),
      signature: String(signature),
      connectedAddress: String(address),
      requestHost: await requestHost(),
    });
    // The old session named the old wallet and no longer counts; sign in again for the new one.
    await signInVerifiedMerchant(merchant.id, merchant.walletAddress!);
    return { ok: true };
  } catch (err) {
    return fail(err);
  }
}
