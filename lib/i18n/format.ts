// Amounts and dates for display. Money never passes through a float: micro-units and fiat minor
// units are turned into exact decimal strings with bigint arithmetic, and Intl.NumberFormat
// formats those strings (it accepts decimal strings exactly, ES2023 NumberFormat v3).
import { CURRENCY_EXPONENTS } from "@/lib/fx/currencies";
import type { Locale } from "./locales";

const USDC_DECIMALS = 6;

/** Integer units → "123.450000"-style decimal string with exactly `decimals` fraction digits. */
export function unitsToDecimal(units: bigint | string | number, decimals: number): string {
  const v = BigInt(units);
  const negative = v < 0n;
  const abs = negative ? -v : v;
  if (decimals === 0) return `${negative ? "-" : ""}${abs}`;
  const scale = 10n ** BigInt(decimals);
  const whole = abs / scale;
  const frac = (abs % scale).toString().padStart(decimals, "0");
  return `${negative ? "-" : ""}${whole}.${frac}`;
}

/** The exact USDC amount: "27500000" micro → "27.500000" (what the customer must send, to the unit). */
export function formatUsdcMicro(micro: bigint | string): string {
  return unitsToDecimal(micro, USDC_DECIMALS);
}

/** Fiat minor units in the locale's conventions: 2500 EUR → "€25.00" (en) / "25,00 €" (fr). */
export function formatFiat(minor: number | bigint, currency: string, locale: Locale): string {
  const exponent = CURRENCY_EXPONENTS[currency.toUpperCase()] ?? 2;
  const decimal = unitsToDecimal(BigInt(minor), exponent);
  const nf = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // Intl.NumberFormat.format takes a decimal string exactly; the DOM lib types only admit numbers.
  return nf.format(decimal as unknown as number);
}

/** Date and time for the locale; the server renders UTC (it does not know the visitor's zone). */
export function formatDateTime(iso: string | Date, locale: Locale, timeZone = "UTC"): string {
  // Field options, not dateStyle/timeStyle: those two cannot be combined with timeZoneName.
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(
    typeof iso === "string" ? new Date(iso) : iso,
  );
}

/** "1:05:09" / "4:07": time left as h:mm:ss or m:ss, floor at zero. */
export function formatCountdown(msLeft: number): string {
  const total = Math.max(0, Math.floor(msLeft / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  if (h > 0) return `${h}:${String(m).padStart(2, "0")}:${ss}`;
  return `${m}:${ss}`;
}

/** "{amount} of {total}" templating for catalogue strings. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
