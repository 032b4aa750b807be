import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EcbFxProvider, parseEcbXml, usdPerUnitFromEcb } from "./ecb-provider";

const sample = readFileSync(join(__dirname, "__fixtures__", "eurofxref-daily.xml"), "utf8");

describe("ECB reference rates", () => {
  it("parses the date and every currency of the daily XML", () => {
    const t = parseEcbXml(sample);
    expect(t.date).toBe("2026-04-17");
    expect(t.perEur.get("USD")).toBe("1.1372");
    expect(t.perEur.get("HUF")).toBe("403.1");
    expect(t.perEur.get("EUR")).toBe("1");
    expect(t.perEur.size).toBe(14);
  });

  it("converts to USD per unit exactly, rounding up at 12 decimals", () => {
    const t = parseEcbXml(sample);
    expect(usdPerUnitFromEcb(t, "EUR")).toBe("1.1372");
    expect(usdPerUnitFromEcb(t, "USD")).toBe("1");
    // 1.1372 / 0.85488 = 1.330245180610144…  → ceil at 12 places
    expect(usdPerUnitFromEcb(t, "GBP")).toBe("1.330245180611");
    // 1.1372 / 162.85 = 0.006983113294442…
    expect(usdPerUnitFromEcb(t, "JPY")).toBe("0.006983113295");
    expect(usdPerUnitFromEcb(t, "KWD")).toBeNull();
  });

  it("rejects documents without a date or a USD rate", () => {
    expect(() => parseEcbXml("<Cube><Cube currency='USD' rate='1.1'/></Cube>")).toThrow(/time/);
    expect(() => parseEcbXml("<Cube time='2026-01-02'><Cube currency='JPY' rate='160'/></Cube>")).toThrow(/USD/);
  });

  it("caches one fetch and keeps the last good table when a refresh fails", async () => {
    let calls = 0;
    let fail = false;
    const p = new EcbFxProvider(async () => {
      calls++;
      if (fail) throw new Error("down");
      return sample;
    }, 0);
    const q1 = await p.quote("EUR");
    expect(q1).toMatchObject({ usdPerUnit: "1.1372", source: "ecb", asOf: new Date("2026-04-17T15:00:00.000Z") });
    fail = true;
    const q2 = await p.quote("GBP");
    expect(q2?.usdPerUnit).toBe("1.330245180611");
    expect(q2?.fetchedAt).toEqual(q1?.fetchedAt);
    expect(calls).toBe(2);
  });

  it("shares one in-flight fetch between concurrent callers", async () => {
    let calls = 0;
    const p = new EcbFxProvider(async () => {
      calls++;
      return sample;
    });
    await Promise.all(Array.from({ length: 10 }, () => p.quote("EUR")));
    expect(calls).toBe(1);
  });
});
