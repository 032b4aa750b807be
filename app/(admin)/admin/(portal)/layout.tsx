// Admin portal shell. The redirect is convenience only: every admin action and read calls
// requireAdmin on the session it resolves itself (lib/console/actions/admin.ts, lib/console/read/admin.ts).
import Link from "next/link";
import type { ReactNode } from "react";
import { adminPageSession } from "@/lib/auth/session/current-console-user";
import { signOutAction } from "@/app/(partner)/partner/auth-actions";

export const dynamic = "force-dynamic";

const LINKS = [
  ["/admin", "Partners"],
  ["/admin/merchants", "Merchants"],
  ["/admin/requests", "Requests"],
  ["/admin/audit", "Audit log"],
  ["/admin/health", "System health"],
  ["/admin/search", "Search"],
] as const;

export default async function AdminPortalLayout({ children }: { children: ReactNode }) {
  const session = await adminPageSession();
  return (
    <div className="min-h-dvh">
      <header className="border-b border-slate-200 bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-6 py-3">
          <span className="font-semibold">JoPay admin</span>
          <nav aria-label="Admin" className="flex flex-wrap gap-3 text-sm">
            {LINKS.map(([href, label]) => <Link key={href} href={href} className="hover:underline">{label}</Link>)}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-slate-300">{session.user.email}</span>
            <form action={signOutAction}><button type="submit" className="underline">Sign out</button></form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl space-y-6 p-6">{children}</main>
    </div>
  );
}
