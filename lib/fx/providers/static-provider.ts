// Rates from configuration (FX_STATIC_RATES, "EUR=1.10,GBP=1.27"): the default source and the
// one tests use. A configured table is never stale — it is as fresh as the process.
import type { FxProvider, FxQuote } from "../provider";
import { normalizeDecimal } from "../decimal";

export function parseRateTable(text: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const pair of text.split(",")) {
    const [code, rate] = pair.trim().split("=");
    if (!code || !rate) continue;
    table.set(code.trim().toUpperCase(), normalizeDecimal(rate));
  }
  return table;
}

export class StaticFxProvider implements FxProvider {
  readonly name = "static";
  private readonly table: Map<string, string>;
  private readonly loadedAt = new Date();

  constructor(text: string) {
    this.table = parseRateTable(text);
  }

  async quote(currency: string): Promise<FxQuote | null> {
    const code = currency.toUpperCase();
    const rate = code === "USD" ? (this.table.get("USD") ?? "1") : this.table.get(code);
    if (!rate) return null;
    const now = new Date();
    return { currency: code, usdPerUnit: rate, source: this.name, asOf: this.loadedAt, fetchedAt: now };
  }
}
