import { currencyExponent } from "@/lib/fx/currencies";

/** Minor units as a decimal string in the currency's exponent (integers only, no floats). */
export function formatMinor(minor: number | bigint, currency: string): string {
  const exp = currencyExponent(currency);
  const neg = minor < 0;
  const digits = String(neg ? -minor : minor).padStart(exp + 1, "0");
  const whole = exp ? digits.slice(0, -exp) : digits;
  const frac = exp ? `.${digits.slice(-exp)}` : "";
  return `${neg ? "-" : ""}${whole}${frac} ${currency}`;
}

/** USDC micro-units (decimal string) as USDC with 6 decimals. */
export function formatUsdc(micro: string): string {
  const d = micro.padStart(7, "0");
  return `${d.slice(0, -6)}.${d.slice(-6)} USDC`;
}
