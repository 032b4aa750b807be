// The merchant's time zone for "today" and for times on screen. The server cannot know it; the
// browser reports it (components/merchant/time-zone-cookie.tsx) and anything unknown means UTC.

export const DEFAULT_TIME_ZONE = "UTC";

/** The canonical IANA name of `tz` ("europe/lisbon" → "Europe/Lisbon"), or UTC when it is not one. */
export function validTimeZone(tz: string | null | undefined): string {
  if (!tz || tz.length > 64) return DEFAULT_TIME_ZONE;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}
