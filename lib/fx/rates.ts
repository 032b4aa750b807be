// The rate a create uses now: the configured provider's quote, refused when missing or stale
// (SPEC §4: stale or missing rate → 503 fx_unavailable; a currency JoPay does not support → 400).
import { ApiError } from "@/lib/api/errors";
import { config } from "@/lib/config";
import { isCurrency, unsupportedCurrencyIssue } from "./currencies";
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
  const maxAgeMs = config().FX_MAX_AGE_MINUTES * 60_000;
  const stale =
    now.getTime() - quote.fetchedAt.getTime() > maxAgeMs || now.getTime() - quote.asOf.getTime() > Math.max(maxAgeMs, MAX_REFERENCE_AGE_MS);
  if (stale && source.name !== "static") throw new ApiError("fx_unavailable", `The exchange rate for ${code} is stale.`);
  return quote;
}
