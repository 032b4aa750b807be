// The dashboard's language switcher, as on the pay page: every language by its own name. Each is a
// server-action button (works without JavaScript) that remembers the choice and reloads `here`.
import { chooseLanguage } from "@/app/(merchant)/merchant/actions";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { LOCALE_NAMES } from "@/lib/i18n/messages";

export function LanguageSwitcher({ locale, here, label }: { locale: Locale; here: string; label: string }) {
  return (
    <nav aria-label={label} className="flex flex-wrap justify-center gap-x-3 gap-y-1 text-sm print:hidden">
      {LOCALES.map((l) => (
        <form key={l} action={chooseLanguage.bind(null, l, here)}>
          <button
            type="submit"
            lang={l}
            aria-current={l === locale ? "true" : undefined}
            className={l === locale ? "font-semibold text-slate-900" : "text-slate-700 underline"}
          >
            {LOCALE_NAMES[l]}
          </button>
        </form>
      ))}
    </nav>
  );
}
