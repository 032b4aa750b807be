import { describe, expect, it } from "vitest";
import { negotiateLocale, parseAcceptLanguage } from "./locales";

describe("negotiateLocale", () => {
  it.each([
    ["?lang wins over Accept-Language", "es", "fr-FR,fr;q=0.9", "es"],
    ["?lang with a region", "pt-BR", "en", "pt"],
    ["?lang is case-insensitive", "NL", null, "nl"],
    ["unknown ?lang falls back to Accept-Language", "de", "fr-CA,fr;q=0.9", "fr"],
    ["first supported language by quality", null, "de-DE,de;q=0.9,nl;q=0.8,es;q=0.85", "es"],
    ["q=0 is not acceptable", null, "es;q=0,pt;q=0.5", "pt"],
    ["equal quality keeps header order", null, "nl,fr", "nl"],
    ["underscore tags", null, "pt_PT", "pt"],
    ["nothing supported → English", null, "de,ja;q=0.5", "en"],
    ["no header → English", null, null, "en"],
    ["garbage header → English", null, ";;;,q=abc,*", "en"],
  ])("%s", (_label, lang, accept, expected) => {
    expect(negotiateLocale(lang, accept)).toBe(expected);
  });
});

describe("parseAcceptLanguage", () => {
  it("orders by quality, drops wildcards and malformed quality", () => {
    expect(parseAcceptLanguage("fr;q=0.5, en-GB;q=0.8, *;q=0.1, nl;q=x, es")).toEqual(["es", "en-GB", "fr"]);
  });
});
