// The rate a create uses now: the configured provider's quote, refused when missing or stale
// (SPEC §4: stale or missing rate → 503 fx_unavailable; a currency JoPay does not support → 400).
import { ApiError } from "@/lib/errors";
import { config } from "@/lib/config";
import { isCurrency, SUPPORTED_CURRENCIES, unsupportedCurrencyIssue } from "./currencies";
import type { FxProvider, FxQuote } from "./provider";
import { EcbFxProvider } from "./providers/ecb-provider";
import { StaticFxProvider } from "./providers/static-provider";

// The ECB does not publish at weekends or on TARGET holidays: a reference date older than this
// means the source itself has stopped, whatever our fetch time says.
const MAX_REFERENCE_AGE_MS = 5 * 24 * 60 * 60_000;

let provider: FxProvider | undefined;

export function fxProvider(): FxProvider {
  if (provider) return provider;
  const env = config();
  provider = env.FX_SOURCE === "ecb" ? new EcbFxProvider() : new StaticFxProvider(env.FX_STATIC_RATES);
  return provider;
}

/** For tests: swap the process's provider (undefined = back to configuration). */
export function setFxProviderForTests(p: FxProvider | undefined) {
  provider = p;
}

export async function currentRate(currency: string, now = new Date(), source: FxProvider = fxProvider()): Promise<FxQuote> {
  const code = currency.toUpperCase();
  // The API's schemas refuse unknown codes already; here too an unknown code is the caller's
  // mistake, not an outage to retry.
  if (!isCurrency(code)) {
    throw new ApiError("validation_error", `${code} is not a supported currency.`, { details: [{ field: "currency", issue: unsupportedCurrencyIssue(code) }] });
  }
  let quote: FxQuote | null;
  try {
    quote = await source.quote(code);
  } catch {
    quote = null;
  }
  if (!quote) throw new ApiError("fx_unavailable", `No exchange rate is available for ${code}.`);
  if (quoteStaleness(quote, source.name, now)) throw new ApiError("fx_unavailable", `The exchange rate for ${code} is stale.`);
  return quote;
}

/** Why a quote is too old to price with, or null when it is fine (a configured table never is). */
export function quoteStaleness(quote: FxQuote, sourceName: string, now = new Date()): string | null {
  if (sourceName === "static") return null;
  const maxAgeMs = config().FX_MAX_AGE_MINUTES * 60_000;
  const fetchedAgo = now.getTime() - quote.fetchedAt.getTime();
  if (fetchedAgo > maxAgeMs) return `${sourceName} rates last fetched ${minutes(fetchedAgo)} ago (FX_MAX_AGE_MINUTES: ${config().FX_MAX_AGE_MINUTES})`;
  const referenceAgo = now.getTime() - quote.asOf.getTime();
  if (referenceAgo > Math.max(maxAgeMs, MAX_REFERENCE_AGE_MS)) return `${sourceName} rates are for ${quote.asOf.toISOString().slice(0, 10)}, ${minutes(referenceAgo)} ago`;
  return null;
}

const minutes = (ms: number) => `${Math.floor(ms / 60_000)} min`;

export interface FxStatus {
  source: string;
  /** Every currency JoPay prices in that the source quotes now. */
  rates: FxQuote[];
  /** The oldest fetch among them (what staleness is measured from), or null without rates. */
  oldestFetchedAt: Date | null;
  /** Why creates are refused fx_unavailable (no rates, stale rates), or null. */
  problem: string | null;
}

/** The source's rates as a create would get them now: for readiness, metrics and the admin page. */
export async function fxStatus(now = new Date(), source: FxProvider = fxProvider()): Promise<FxStatus> {
  // One ECB fetch serves every currency (the provider shares it); the static table is in memory.
  const quotes = await Promise.all(SUPPORTED_CURRENCIES.map((c) => source.quote(c).catch(() => null)));
  const rates = quotes.filter((q): q is FxQuote => q !== null);
  if (rates.length === 0) return { source: source.name, rates, oldestFetchedAt: null, problem: `no rates from ${source.name}` };
  const oldestFetchedAt = new Date(Math.min(...rates.map((q) => q.fetchedAt.getTime())));
  const problem = rates.map((q) => quoteStaleness(q, source.name, now)).find((p) => p !== null) ?? null;
  return { source: source.name, rates, oldestFetchedAt, problem };
}
