// The dashboard's language and time zone for this request. Language: the one the merchant picked in
// the switcher (a cookie), else the browser's Accept-Language, else English — the pay page's
// negotiateLocale, with the cookie in the place of its ?lang= (a dashboard has many pages; a query
// parameter would have to ride on every link). Time zone: what the browser reported (a cookie set by
// components/merchant/time-zone-cookie.tsx), else UTC.
import { cookies, headers } from "next/headers";
import { negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { validTimeZone } from "@/lib/i18n/time-zone";

export const LANGUAGE_COOKIE = "jopay_lang";
export const TIME_ZONE_COOKIE = "jopay_tz";

export interface Preferences {
  locale: Locale;
  timeZone: string;
}

export async function merchantPreferences(): Promise<Preferences> {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  return {
    locale: negotiateLocale(jar.get(LANGUAGE_COOKIE)?.value, h.get("accept-language")),
    timeZone: validTimeZone(jar.get(TIME_ZONE_COOKIE)?.value),
  };
}
