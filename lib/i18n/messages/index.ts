// The catalogue for a locale. Catalogues are plain typed objects (no runtime i18n library): the
// Messages type makes a missing or misspelled key in any language a compile error.
import type { ProofRejectionReason } from "@/lib/payments/settle-proof";
import type { Locale } from "../locales";
import { en, type Messages } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { nl } from "./nl";
import { pt } from "./pt";

export type { Messages };

const CATALOGUES: Record<Locale, Messages> = { en, es, pt, nl, fr };

// Every reason the pay page can explain ("underpaid" has its own sentence) has a phrase in every
// language: a new rejection reason without one is a compile error here, not a raw code on screen.
type ReasonPhrases = Record<`reason_${Exclude<ProofRejectionReason, "underpaid">}`, string>;
CATALOGUES satisfies Record<Locale, ReasonPhrases>;

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}

/** Native names for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", es: "Español", pt: "Português", nl: "Nederlands", fr: "Français" };
