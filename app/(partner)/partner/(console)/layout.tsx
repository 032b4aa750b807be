// Partner console shell. The redirect here is convenience only: every action and read re-checks the
// session and tenant on the server (lib/console/context.ts).
import type { ReactNode } from "react";
import { partnerPageSession } from "@/lib/auth/session/current-console-user";
import { consoleTestMode } from "@/lib/console/mode";
import { PartnerNav } from "@/components/partner/partner-nav";

export const dynamic = "force-dynamic";

export default async function PartnerConsoleLayout({ children }: { children: ReactNode }) {
  const session = await partnerPageSession();
  const testMode = await consoleTestMode();
  return (
    <div className="min-h-dvh">
      <PartnerNav partnerName={session.partner.name} email={session.user.email} testMode={testMode} />
      {testMode ? <div className="bg-amber-100 px-6 py-1 text-center text-sm text-amber-900">Test mode: you are viewing test data.</div> : null}
      <main className="mx-auto max-w-6xl space-y-6 p-6">{children}</main>
    </div>
  );
}
