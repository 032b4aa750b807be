// ISO 4217 minor-unit exponents for the currencies JoPay prices in (SPEC §4: JPY 0, EUR 2, KWD 3…).
export const CURRENCY_EXPONENTS: Record<string, number> = {
  USD: 2, EUR: 2, GBP: 2, CHF: 2, INR: 2, BRL: 2, MXN: 2, COP: 2, KES: 2, NGN: 2, ZAR: 2, AUD: 2, CAD: 2,
  SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2, TRY: 2, AED: 2, SGD: 2, HKD: 2, NZD: 2, PHP: 2, THB: 2, IDR: 2,
  MYR: 2, ARS: 2, CLP: 0, PEN: 2, GHS: 2, EGP: 2, MAD: 2, UGX: 0, TZS: 2, VND: 0, KRW: 0, JPY: 0, ISK: 0,
  KWD: 3, BHD: 3, OMR: 3, JOD: 3, TND: 3,
};

/** Every code JoPay prices in, sorted: what an unsupported-currency error lists. */
export const SUPPORTED_CURRENCIES: readonly string[] = Object.keys(CURRENCY_EXPONENTS).sort();

/** The issue an unknown code gets (a 400 that lists the choices, never 503 fx_unavailable: the caller can fix it). */
export const unsupportedCurrencyIssue = (code: string) => `unsupported currency ${code}; use one of ${SUPPORTED_CURRENCIES.join(", ")}`;

export function isCurrency(code: string): boolean {
  return Object.hasOwn(CURRENCY_EXPONENTS, code.toUpperCase());
}

export function currencyExponent(code: string): number {
  const e = CURRENCY_EXPONENTS[code.toUpperCase()];
  if (e === undefined) throw new Error(`unsupported currency ${code}`);
  return e;
}
