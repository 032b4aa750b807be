// The FX provider interface: where "USD per 1 unit of currency" comes from. Static table by default
// and in tests, the ECB reference rates in production (FX_SOURCE=ecb).

export interface FxQuote {
  /** ISO 4217, upper-case. */
  currency: string;
  /** USD per 1 unit, exact decimal text (never a float). */
  usdPerUnit: string;
  /** e.g. "static", "ecb". Stored on the request. */
  source: string;
  /** When the source says the rate applies. */
  asOf: Date;
  /** When we last obtained it from the source; staleness is measured from here. */
  fetchedAt: Date;
}

export interface FxProvider {
  readonly name: string;
  /** The current quote, or null if the source has none for this currency. May throw if unreachable. */
  quote(currency: string): Promise<FxQuote | null>;
}
