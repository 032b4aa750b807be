// The foot of every dashboard page: the language switcher (as on the pay page), the time zone the
// page's times are in, and the component that reports the browser's zone for the pages after.
import { TIME_ZONE_COOKIE, type Preferences } from "@/app/(merchant)/merchant/preferences";
import { fill } from "@/lib/i18n/format";
import type { DashboardMessages } from "@/lib/i18n/dashboard-messages";
import { LanguageSwitcher } from "./language-switcher";
import { TimeZoneCookie } from "./time-zone-cookie";

export function DashboardFooter({ prefs, m, here }: { prefs: Preferences; m: DashboardMessages; here: string }) {
  return (
    <footer className="mx-auto max-w-5xl space-y-2 px-4 pt-2 pb-8 text-center print:hidden">
      <LanguageSwitcher locale={prefs.locale} here={here} label={m.language} />
      <p className="text-xs text-slate-600" data-testid="time-zone">
        {fill(m.timesIn, { zone: prefs.timeZone })}
      </p>
      <TimeZoneCookie name={TIME_ZONE_COOKIE} />
    </footer>
  );
}
