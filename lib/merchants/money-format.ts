// Integer amounts → exact decimal text for people and exports (never through a float).
import { currencyExponent } from "@/lib/fx/currencies";

/** 2500, "EUR" → "25.00"; 1500, "JPY" → "1500"; -5, "USD" → "-0.05". */
export function formatMinor(amount: number | bigint, exponent: number): string {
  const v = BigInt(amount);
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(exponent + 1, "0");
  const int = digits.slice(0, digits.length - exponent);
  const frac = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : "";
  return `${neg ? "-" : ""}${int}${frac}`;
}

export const formatFiat = (amount: number, code: string) => formatMinor(amount, currencyExponent(code));
/** USDC has 6 decimals. */
export const formatUsdc = (micro: bigint | string) => formatMinor(BigInt(micro), 6);

/** "12.5" (or "12,5") with exponent 2 → 1250; null unless a positive amount with ≤ exponent decimals. */
export function parseMinor(text: string, exponent: number): number | null {
  const m = /^(\d{1,12})(?:[.,](\d+))?$/.exec(text.trim());
  if (!m) return null;
  const frac = m[2] ?? "";
  if (frac.length > exponent) return null;
  const v = BigInt(m[1] + frac.padEnd(exponent, "0"));
  return v > 0n && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : null;
}
