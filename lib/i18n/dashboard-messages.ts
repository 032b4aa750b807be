// The merchant dashboard's catalogue for a locale: the pay page's five languages (SPEC §8), chosen
// the same way (lib/i18n/locales.ts). Kept apart from the pay page's catalogue, which is sent whole
// to every customer's browser.
import type { PaymentState } from "@/lib/merchants/payment-state";
import { en, type DashboardMessages } from "./dashboard/en";
import { es } from "./dashboard/es";
import { fr } from "./dashboard/fr";
import { nl } from "./dashboard/nl";
import { pt } from "./dashboard/pt";
import { fill } from "./format";
import type { Locale } from "./locales";

export type { DashboardMessages };

const CATALOGUES: Record<Locale, DashboardMessages> = { en, es, pt, nl, fr };

// Every payment state has a word in every language: a new state without one is a compile error.
CATALOGUES satisfies Record<Locale, Record<`state_${PaymentState}`, string>>;

export function dashboardMessagesFor(locale: Locale): DashboardMessages {
  return CATALOGUES[locale];
}

export const stateLabel = (m: DashboardMessages, s: PaymentState) => m[`state_${s}`];

/** "1 payment" / "3 payments" by the locale's plural rules (French: 0 and 1 are singular). */
export function paymentsCount(m: DashboardMessages, locale: Locale, count: number): string {
  const one = new Intl.PluralRules(locale).select(count) === "one";
  return fill(one ? m.paymentsOne : m.paymentsOther, { count: new Intl.NumberFormat(locale).format(count) });
}
