import Link from "next/link";
import { signOutAction } from "@/app/(partner)/partner/auth-actions";
import { ModeToggle } from "./mode-toggle";

const LINKS = [
  ["/partner", "Overview"],
  ["/partner/merchants", "Merchants"],
  ["/partner/requests", "Requests"],
  ["/partner/keys", "API keys"],
  ["/partner/webhooks", "Webhooks"],
  ["/partner/settings", "Branding & policy"],
  ["/partner/team", "Team"],
] as const;

export function PartnerNav({ partnerName, email, testMode }: { partnerName: string; email: string; testMode: boolean }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-6 py-3">
        <span className="font-semibold">{partnerName}</span>
        <nav aria-label="Console" className="flex flex-wrap gap-3 text-sm">
          {LINKS.map(([href, label]) => (
            <Link key={href} href={href} className="text-slate-700 hover:text-slate-950 hover:underline">
              {label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <ModeToggle testMode={testMode} />
          <span className="text-slate-500">{email}</span>
          <form action={signOutAction}>
            <button type="submit" className="underline">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
