// Fiat minor units → USDC micro-units (SPEC §4):
//   usdc_micro = ceil(fiat_minor × rate × 10^(6 − exponent))
// with the rate (USD per 1 fiat unit) as an exact decimal string. Rounding up means the merchant
// never receives less than the fiat amount asked for. (The seed's example "2750000" for EUR 25.00
// at 1.10 is off by a factor of ten: 2500 × 1.10 × 10^4 = 27 500 000.)
import { currencyExponent } from "./currencies";
import { ceilDiv, parseDecimal } from "./decimal";

export const USDC_DECIMALS = 6;

export function fiatToUsdcMicro(fiatMinor: number | bigint, currency: string, usdPerUnit: string): bigint {
  const minor = BigInt(fiatMinor);
  if (minor < 0n) throw new Error("fiat amount must be non-negative");
  const exponent = currencyExponent(currency);
  const rate = parseDecimal(usdPerUnit);
  // minor × (units / 10^scale) × 10^(6 − exponent), exponent may exceed 6 in theory: keep it exact.
  let num = minor * rate.units;
  let den = 10n ** BigInt(rate.scale);
  const shift = USDC_DECIMALS - exponent;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  return ceilDiv(num, den);
}
