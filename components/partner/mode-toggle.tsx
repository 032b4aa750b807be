"use client";
// The live/test toggle. It sends the page it is on (path and query) so the server action can bring
// the member back to the same screen in the other mode; without JavaScript the server-rendered
// value is the same page.
import { usePathname, useSearchParams } from "next/navigation";
import { setModeAction } from "@/app/(partner)/partner/auth-actions";

export function ModeToggle({ testMode }: { testMode: boolean }) {
  const path = usePathname() ?? "/partner";
  const query = useSearchParams()?.toString() ?? "";
  return (
    <form action={setModeAction}>
      <input type="hidden" name="mode" value={testMode ? "live" : "test"} />
      <input type="hidden" name="back" value={query ? `${path}?${query}` : path} />
      {/* The visible words start the accessible name (WCAG 2.5.3); the action follows for screen readers. */}
      <button type="submit" className="inline-flex items-center gap-1.5 whitespace-nowrap rounded border border-slate-300 px-2 py-1">
        <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${testMode ? "bg-amber-500" : "bg-emerald-600"}`} />
        {testMode ? "Test mode" : "Live mode"}
        <span className="sr-only">{testMode ? ": switch to live mode" : ": switch to test mode"}</span>
      </button>
    </form>
  );
}
