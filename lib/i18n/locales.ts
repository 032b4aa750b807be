// The pay page's languages (SPEC §8: en, es, pt, nl, fr) and how one is chosen for a visitor:
// an explicit `?lang=` wins, then the browser's Accept-Language (quality-ordered), then English.
// Pure and dependency-free: the pay page runs it on every request.

export const LOCALES = ["en", "es", "pt", "nl", "fr"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/** "pt-BR" → "pt", "ES" → "es"; null when we have no catalogue for the language. */
function baseLocale(tag: string): Locale | null {
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : null;
}

/**
 * Accept-Language entries in preference order (RFC 9110 §12.5.4): higher q first, ties keep
 * header order, q=0 means "not acceptable". Malformed entries are skipped, never thrown on.
 */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .slice(0, 1000)
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((e) => e.tag !== "" && e.tag !== "*" && e.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((e) => e.tag);
}

export function negotiateLocale(langParam: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (langParam) {
    const explicit = baseLocale(langParam);
    if (explicit) return explicit;
  }
  for (const tag of parseAcceptLanguage(acceptLanguage)) {
    const l = baseLocale(tag);
    if (l) return l;
  }
  return DEFAULT_LOCALE;
}
