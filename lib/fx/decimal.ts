// Exact decimal strings ↔ scaled bigints. Rates arrive as decimal text ("1.0832") and must never
// pass through a float (SPEC §4: integers/bigint only).

const DECIMAL_RE = /^(\d+)(?:\.(\d+))?$/;

/** "1.0832" → { units: 10832n, scale: 4 } meaning 10832 / 10^4. Throws on anything else. */
export function parseDecimal(text: string): { units: bigint; scale: number } {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) throw new Error(`not a non-negative decimal: ${JSON.stringify(text)}`);
  const frac = m[2] ?? "";
  return { units: BigInt(m[1] + frac), scale: frac.length };
}

export function isDecimal(text: string): boolean {
  return DECIMAL_RE.test(text.trim());
}

/** Ceiling of a / b for non-negative a and positive b. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  if (b <= 0n || a < 0n) throw new Error("ceilDiv expects a ≥ 0 and b > 0");
  return (a + b - 1n) / b;
}

/** a / b rounded up to `scale` decimals, as canonical decimal text ("0.909090909091"). */
export function divideDecimals(a: string, b: string, scale = 12): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (y.units === 0n) throw new Error("division by zero");
  // (x.units / 10^x.scale) / (y.units / 10^y.scale) * 10^scale
  const num = x.units * 10n ** BigInt(y.scale + scale);
  const den = y.units * 10n ** BigInt(x.scale);
  return formatScaled(ceilDiv(num, den), scale);
}

/** 909090909091n, 12 → "0.909090909091"; trailing zeros trimmed ("1.1", "1"). */
export function formatScaled(units: bigint, scale: number): string {
  const s = units.toString().padStart(scale + 1, "0");
  const int = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale).replace(/0+$/, "");
  return frac ? `${int}.${frac}` : int;
}

/** Canonical text of a decimal ("01.500" → "1.5"). */
export function normalizeDecimal(text: string): string {
  const d = parseDecimal(text);
  return formatScaled(d.units, d.scale);
}
