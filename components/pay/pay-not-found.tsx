// Unknown or malformed pay link, or another partner's request on a partner's host: a friendly
// page (served with HTTP 404) in the visitor's language.
import type { Messages } from "@/lib/i18n/messages";

export function PayNotFound({ m }: { m: Messages }) {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-xl font-bold" data-testid="not-found">
        {m.notFoundTitle}
      </h1>
      <p className="mt-3 text-slate-700">{m.notFoundBody}</p>
    </main>
  );
}
