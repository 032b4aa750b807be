// The dashboard catalogue (and the pay page's, which the POS screen shares) in every language has exactly English's keys, each a non-empty text with
// the same {placeholders}: the type makes a missing key a compile error, this also catches an empty
// or untranslated-looking entry and a placeholder lost in translation (which fill() would print raw).
import { describe, expect, it } from "vitest";
import { en } from "./dashboard/en";
import { dashboardMessagesFor } from "./dashboard-messages";
import { LOCALES } from "./locales";
import { messagesFor } from "./messages";
import { en as payEn } from "./messages/en";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("dashboard catalogue", () => {
  it("lists all five languages", () => {
    expect([...LOCALES].sort()).toEqual(["en", "es", "fr", "nl", "pt"]);
  });

  it.each(LOCALES.filter((l) => l !== "en"))("%s has every English key, no other, each with the same placeholders", (locale) => {
    const m = dashboardMessagesFor(locale);
    expect(Object.keys(m).sort()).toEqual(Object.keys(en).sort());
    for (const [key, english] of Object.entries(en)) {
      const text = m[key as keyof typeof en];
      expect(text.trim(), `${locale}.${key}`).not.toBe("");
      expect(placeholders(text), `${locale}.${key}`).toEqual(placeholders(english));
    }
  });

  // The pay page's catalogue, whose sentences the POS screen and receipt also show.
  it.each(LOCALES.filter((l) => l !== "en"))("the pay page's %s too", (locale) => {
    const m = messagesFor(locale);
    expect(Object.keys(m).sort()).toEqual(Object.keys(payEn).sort());
    for (const [key, english] of Object.entries(payEn)) {
      const text = m[key as keyof typeof payEn];
      expect(text.trim(), `${locale}.${key}`).not.toBe("");
      expect(placeholders(text), `${locale}.${key}`).toEqual(placeholders(english));
    }
  });

  it.each(LOCALES.filter((l) => l !== "en"))("%s says the merchant-facing errors in its own words, not English", (locale) => {
    const m = dashboardMessagesFor(locale);
    const errorKeys = Object.keys(en).filter((k) => /^(err_|siwe_|onbError_|signIn_|field_)/.test(k) || k === "sessionEnded" || k === "signInFailed") as (keyof typeof en)[];
    expect(errorKeys.length).toBeGreaterThan(40);
    for (const key of errorKeys) expect(m[key], `${locale}.${key}`).not.toBe(en[key]);
  });
});
