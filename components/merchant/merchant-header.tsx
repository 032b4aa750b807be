// Dashboard header: who is signed in, navigation, sign-out (a server action form — no client JS).
// Phone first: the wallet shows shortened (in full in its title), and the
// navigation wraps under the name rather than pushing the page wider than the screen.
import Link from "next/link";
import { signOut } from "@/app/(merchant)/merchant/actions";
import { fill } from "@/lib/i18n/format";
import { shortAddress } from "@/lib/i18n/dashboard-format";
import type { DashboardMessages } from "@/lib/i18n/dashboard-messages";
import type { Merchant, Partner } from "@/lib/generated/prisma/client";

export function MerchantHeader({ merchant, partner, m }: { merchant: Merchant; partner: Partner; m: DashboardMessages }) {
  const wallet = merchant.walletAddress ?? "";
  return (
    <header className="border-b border-slate-200 bg-white print:hidden" style={{ borderTop: `4px solid ${partner.brandPrimaryColor}` }}>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <div className="min-w-0">
          <Link href="/merchant" className="font-semibold break-words">
            {merchant.businessName ?? merchant.displayName ?? m.dashboardName}
          </Link>
          <p className="text-xs text-slate-600">
            {partner.name}
            {wallet ? (
              <>
                {" · "}
                <code title={fill(m.payoutWallet, { wallet })} data-testid="header-wallet">
                  {shortAddress(wallet)}
                </code>
              </>
            ) : null}
            {merchant.testMode && <span className="ml-2 rounded bg-amber-100 px-1 text-amber-900">{m.testMode}</span>}
          </p>
        </div>
        <nav className="flex items-center gap-4 text-sm">
          <Link href="/merchant/profile" className="underline">
            {m.navProfile}
          </Link>
          <form action={signOut}>
            <button type="submit" className="text-sm text-slate-700 underline">
              {m.signOut}
            </button>
          </form>
        </nav>
      </div>
    </header>
  );
}
