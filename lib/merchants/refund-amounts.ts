// The refund form's money, exact (bigint micro-units, never floats): the merchant's typed USDC
// amount, and what a USDC amount is worth in the request's own currency, for showing beside it.

/** "12.5" / "12,50" / "0.000001" → micro-units; null unless positive with at most 6 decimals. */
export function parseUsdcInput(text: string): bigint | null {
  const m = /^(\d{1,12})(?:[.,](\d{0,6}))?$/.exec(text.trim());
  if (!m) return null;
  const micro = BigInt(m[1]) * 1_000_000n + BigInt((m[2] ?? "").padEnd(6, "0"));
  return micro > 0n ? micro : null;
}

/**
 * The share of the request's fiat amount that `micro` USDC is, in fiat minor units rounded half up:
 * the request priced `fiatMinor` at `requestedMicro` USDC, so that is the rate the customer paid at.
 */
export function fiatShare(micro: bigint, requestedMicro: bigint, fiatMinor: bigint): bigint {
  if (requestedMicro <= 0n) return 0n;
  return (micro * fiatMinor * 2n + requestedMicro) / (requestedMicro * 2n);
}

/** The micro-units as the form's amount field shows them: "12.5", "0.000001", "3". */
export function usdcInputText(micro: bigint): string {
  const whole = micro / 1_000_000n;
  const frac = (micro % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : `${whole}`;
}
