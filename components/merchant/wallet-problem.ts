// The browser wallet's own refusals (none installed, no account shared, the merchant declined),
// named by their sentence in the dashboard catalogue so the forms show them in the page's language.
// Its own module, apart from ./wallet (loaded only on click): the forms need these on the page.
import type { DashboardMessages } from "@/lib/i18n/dashboard-messages";

export const WALLET_PROBLEM_KEYS = ["err_noWallet", "err_noAccount", "err_walletDeclined"] as const;
export type WalletProblemKey = (typeof WALLET_PROBLEM_KEYS)[number];
export type WalletProblemLabels = Pick<DashboardMessages, WalletProblemKey>;

export class WalletProblem extends Error {
  constructor(readonly key: WalletProblemKey) {
    super(key);
    this.name = "WalletProblem";
  }
}

/** EIP-1193's "User Rejected Request": the merchant said no in the wallet (connect or sign). */
const USER_REJECTED = 4001;

/**
 * What a form shows for an error of its wallet flow: a wallet problem in the page's language; an
 * action's refusal as the action worded it (already in that language); else the fallback. Any
 * other Error the wallet throws keeps the wallet's own text: only the wallet knows what it meant.
 */
export function shownError(err: unknown, t: WalletProblemLabels, fallback: string): string {
  if (err instanceof WalletProblem) return t[err.key];
  if ((err as { code?: unknown } | null)?.code === USER_REJECTED) return t.err_walletDeclined;
  return err instanceof Error && err.message ? err.message : fallback;
}
