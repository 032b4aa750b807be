// How any failure of a merchant action becomes what the merchant reads, in the language the page is
// shown in (./preferences.ts): the one mapper for the merchant's forms — field validation, session,
// SIWE sign-in, onboarding and the domain's API errors. Domain errors name their sentence in the
// dashboard catalogue (their own `message` is the English, for logs); the partner API's English
// texts are written for developers and never reach a merchant.
import { ZodError } from "zod";
import { NoMerchantForWalletError } from "@/lib/auth/merchant/sign-in";
import { SignInRefused } from "@/lib/auth/session/next-auth";
import { OnboardingError } from "@/lib/auth/merchant/onboard";
import { SiweError } from "@/lib/auth/merchant/siwe";
import { isTransientDbError } from "@/lib/db/transient-error";
import { isApiError, type ApiError } from "@/lib/errors";
import type { DashboardMessages } from "@/lib/i18n/dashboard-messages";
import { fieldProblem, fieldProblemText, type FieldProblem } from "@/lib/i18n/field-problem";
import { log } from "@/lib/log";

export interface ActionFailure {
  ok: false;
  error: string;
  fieldErrors?: Record<string, string>;
}

/** Schema fields under the names the dashboard's forms give them (the rest are the same). */
const FORM_FIELD: Record<string, string> = { fiat_amount_int: "amount" };

const failure = (error: string, fieldErrors?: Record<string, string>): ActionFailure => (fieldErrors ? { ok: false, error, fieldErrors } : { ok: false, error });

function fieldErrors(m: DashboardMessages, problems: [string, FieldProblem][]): Record<string, string> {
  const out: Record<string, string> = {};
  // The first problem of a field is the one shown beside it.
  for (const [field, p] of problems) out[FORM_FIELD[field] ?? field] ??= fieldProblemText(m, p);
  return out;
}

function apiFailure(err: ApiError, m: DashboardMessages): ActionFailure {
  switch (err.code) {
    case "merchant_disabled":
      return failure(m.accountDisabled);
    case "wallet_address_conflict":
      return failure(m.err_walletTaken);
    case "amount_capacity_exhausted":
      return failure(m.err_amountBusy);
    case "fx_unavailable":
      return failure(m.err_fxUnavailable);
    case "service_unavailable":
    case "rate_limited":
      return failure(m.err_temporary);
    case "validation_error": {
      const details = (err.extra.details as { field: string; issue: string }[] | undefined) ?? [];
      // changePayoutWallet: the new wallet is the one already set.
      if (details.some((d) => d.field === "wallet_address" && d.issue === "unchanged")) return failure(m.err_walletUnchanged);
      break;
    }
  }
  log.warn("merchant action refused", { code: err.code, err: err.message });
  return failure(m.err_generic);
}

export function actionFailure(err: unknown, m: DashboardMessages): ActionFailure {
  if (err instanceof OnboardingError) {
    const problems = Object.entries(err.fieldErrors) as [string, FieldProblem][];
    return failure(m[err.key], problems.length ? fieldErrors(m, problems) : undefined);
  }
  if (err instanceof SiweError || err instanceof NoMerchantForWalletError) return failure(m[err.key]);
  if (err instanceof SignInRefused) return failure(err.key ? m[err.key] : m.signInFailed);
  if (isApiError(err)) return apiFailure(err, m);
  if (err instanceof ZodError) {
    const problems = err.issues.map((i): [string, FieldProblem] => [String(i.path[0] ?? ""), fieldProblem(String(i.path[0] ?? ""), i)]);
    return failure(m.err_fixFields, fieldErrors(m, problems));
  }
  if (isTransientDbError(err)) {
    log.error("merchant action: database unavailable", { err: err instanceof Error ? err.message : String(err) });
    return failure(m.err_temporary);
  }
  log.error("merchant action failed", { err: err instanceof Error ? err.message : String(err) });
  return failure(m.err_generic);
}
