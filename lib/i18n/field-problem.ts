// A form field's problem in no language yet, for the merchant's forms (onboarding, profile, new
// payment link): built from the zod issue of the Merchants/Requests API schema that refused the
// value — so those schemas alone decide what is wrong — and said in the dashboard's language by
// fieldProblemText. The API's own issue texts ("must be at most 120 characters") stay English.
import type { z } from "zod";
import { SUPPORTED_CURRENCIES } from "@/lib/fx/currencies";
import type { DashboardMessages } from "./dashboard-messages";
import { fill } from "./format";

export interface FieldProblem {
  key: keyof DashboardMessages;
  values?: Record<string, string>;
}

export const REQUIRED: FieldProblem = { key: "field_required" };

/** What `issue` says about `field` (a schema field name: business_name, fiat_amount_int, …). */
export function fieldProblem(field: string, issue: z.core.$ZodIssue): FieldProblem {
  if (field === "fiat_amount_int") return { key: issue.code === "too_big" ? "err_amountTooLarge" : "amountInvalid" };
  switch (issue.code) {
    case "too_big":
      return issue.origin === "string" ? { key: "field_tooLong", values: { max: String(issue.maximum) } } : { key: "field_invalid" };
    case "invalid_format":
      if (issue.format === "email") return { key: "field_email" };
      if (field === "country") return { key: "field_country" };
      if (field === "display_currency") return { key: "field_currencyFormat" };
      return { key: "field_invalid" };
    case "invalid_type":
      return issue.input === undefined ? REQUIRED : { key: "field_invalid" };
    case "custom":
      // The schemas' custom checks: the invoice-mode name (createRequestInput), the currency list
      // (currencyCode) and, on every free-text field, the character rule (refuseControlCharacters).
      if (field === "customer_name") return REQUIRED;
      if (field === "display_currency") return { key: "field_currencyUnsupported", values: { supported: SUPPORTED_CURRENCIES.join(", ") } };
      return { key: "field_characters" };
    default:
      return { key: "field_invalid" };
  }
}

export function fieldProblemText(m: DashboardMessages, p: FieldProblem): string {
  return fill(m[p.key], p.values ?? {});
}
