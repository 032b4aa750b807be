// European Central Bank reference rates (https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml).
// The ECB quotes "X per 1 EUR"; we need "USD per 1 X" = (USD per EUR) / (X per EUR), computed in
// exact decimals rounded up at 12 places (the precision of payment_requests.fx_rate).
// One fetch serves every currency for `cacheMs`; a failed refresh keeps serving the last good table
// until it is older than FX_MAX_AGE_MINUTES (checked by rates.ts), never a float, never a guess.
import type { FxProvider, FxQuote } from "../provider";
import { divideDecimals, isDecimal, normalizeDecimal } from "../decimal";

export const ECB_DAILY_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml";

export interface EcbTable {
  /** The reference date (rates are set around 16:00 CET on that day). */
  date: string;
  /** X per 1 EUR, decimal text, EUR itself included as "1". */
  perEur: Map<string, string>;
}

/** Parses the eurofxref-daily XML. Throws if it does not contain a dated table with a USD rate. */
export function parseEcbXml(xml: string): EcbTable {
  const date = /<Cube\s+time=['"](\d{4}-\d{2}-\d{2})['"]/.exec(xml)?.[1];
  if (!date) throw new Error("ECB XML: no <Cube time=…> element");
  const perEur = new Map<string, string>([["EUR", "1"]]);
  for (const m of xml.matchAll(/<Cube\s+currency=['"]([A-Z]{3})['"]\s+rate=['"]([^'"]+)['"]\s*\/>/g)) {
    if (isDecimal(m[2]) && Number(m[2]) > 0) perEur.set(m[1], normalizeDecimal(m[2]));
  }
  if (!perEur.has("USD")) throw new Error("ECB XML: no USD rate");
  return { date, perEur };
}

/** USD per 1 unit of `currency` from an ECB table, or null if the ECB does not quote it. */
export function usdPerUnitFromEcb(table: EcbTable, currency: string): string | null {
  const code = currency.toUpperCase();
  const usd = table.perEur.get("USD")!;
  if (code === "USD") return "1";
  const x = table.perEur.get(code);
  if (!x) return null;
  return code === "EUR" ? usd : divideDecimals(usd, x, 12);
}

/** ECB publishes at about 16:00 CET; treat the date's rates as applying from 15:00 UTC. */
const asOfFor = (date: string) => new Date(`${date}T15:00:00.000Z`);

export class EcbFxProvider implements FxProvider {
  readonly name = "ecb";
  private cached: { table: EcbTable; fetchedAt: Date } | null = null;
  private inflight: Promise<void> | null = null;

  constructor(
    private readonly fetchXml: () => Promise<string> = defaultFetch,
    private readonly cacheMs = 60 * 60_000,
  ) {}

  async quote(currency: string): Promise<FxQuote | null> {
    await this.refreshIfDue();
    if (!this.cached) return null;
    const rate = usdPerUnitFromEcb(this.cached.table, currency);
    if (!rate) return null;
    return {
      currency: currency.toUpperCase(),
      usdPerUnit: rate,
      source: this.name,
      asOf: asOfFor(this.cached.table.date),
      fetchedAt: this.cached.fetchedAt,
    };
  }

  private async refreshIfDue() {
    if (this.cached && Date.now() - this.cached.fetchedAt.getTime() < this.cacheMs) return;
    // One refresh at a time: concurrent creates share the same fetch.
    this.inflight ??= this.fetchXml()
      .then((xml) => {
        this.cached = { table: parseEcbXml(xml), fetchedAt: new Date() };
      })
      .catch(() => {
        /* keep the last good table; rates.ts decides whether it is too old */
      })
      .finally(() => {
        this.inflight = null;
      });
    await this.inflight;
  }
}

async function defaultFetch(): Promise<string> {
  const res = await fetch(ECB_DAILY_URL, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`ECB responded ${res.status}`);
  return res.text();
}
