// Unknown or malformed pay link: a friendly page with HTTP 404, in the visitor's language.
import { headers } from "next/headers";
import { DEFAULT_LOCALE, isLocale, LOCALE_HEADER } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";

export default async function PayNotFound() {
  const value = (await headers()).get(LOCALE_HEADER);
  const m = messagesFor(isLocale(value) ? value : DEFAULT_LOCALE);
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-xl font-bold" data-testid="not-found">
        {m.notFoundTitle}
      </h1>
      <p className="mt-3 text-slate-700">{m.notFoundBody}</p>
    </main>
  );
}
