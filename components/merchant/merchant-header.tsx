// Dashboard header: who is signed in, navigation, sign-out (a server action form — no client JS).
import Link from "next/link";
import { signOut } from "@/app/(merchant)/merchant/actions";
import type { Merchant, Partner } from "@/lib/generated/prisma/client";

export function MerchantHeader({ merchant, partner }: { merchant: Merchant; partner: Partner }) {
  return (
    <header className="border-b border-slate-200 bg-white" style={{ borderTop: `4px solid ${partner.brandPrimaryColor}` }}>
      <div className="mx-auto flex max-w-4xl items-center justify-between gap-4 p-4">
        <div>
          <Link href="/merchant" className="font-semibold">
            {merchant.businessName ?? merchant.displayName ?? "Your JoPay dashboard"}
          </Link>
          <p className="text-xs text-slate-500">
            {partner.name} · <code>{merchant.walletAddress}</code>
            {merchant.testMode && <span className="ml-2 rounded bg-amber-100 px-1 text-amber-900">test mode</span>}
          </p>
        </div>
        <nav className="flex items-center gap-4 text-sm">
          <Link href="/merchant/profile" className="underline">
            Profile
          </Link>
          <form action={signOut}>
          <button type="submit" className="text-sm text-slate-600 underline">
            Sign out
          </button>
          </form>
        </nav>
      </div>
    </header>
  );
}
