// Amounts, days and times as the dashboard shows them. Like format.ts, money goes to Intl as exact
// decimal strings built with bigint arithmetic, never as floats.
import { unitsToDecimal } from "./format";
import type { Locale } from "./locales";

/**
 * USDC in the locale's style, to the micro-unit as the pay page shows it: 1234.5 → "1,234.500000",
 * 27.500123 → "27,500123" (fr). Always six decimals, so amounts line up.
 */
export function formatUsdcAmount(micro: bigint | string, locale: Locale): string {
  const nf = new Intl.NumberFormat(locale, { minimumFractionDigits: 6, maximumFractionDigits: 6 });
  // Intl.NumberFormat.format takes a decimal string exactly; the DOM lib types only admit numbers.
  return nf.format(unitsToDecimal(BigInt(micro), 6) as unknown as number);
}

/** "14 Mar, 10:32": list rows, where the year and zone are the page's. */
export function formatShortDateTime(at: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone }).format(at);
}

/** "10:32": a time on a receipt or a timeline already headed by its day. */
export function formatTime(at: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone }).format(at);
}

/** A calendar day ("2026-03-14") as "14 Mar": the date itself, whatever zone the server runs in. */
export function formatDay(day: string, locale: Locale): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** 0x + 40 hex → "0x1234…abcd": a wallet that fits a phone's header; the full one is in its title. */
export const shortAddress = (a: string) => (a.length > 14 ? `${a.slice(0, 6)}…${a.slice(-4)}` : a);
