// The refund UI's words, picked from the dashboard catalogue (only these travel to the browser),
// and a refund's status in those words.
import type { DashboardMessages } from "@/lib/i18n/dashboard-messages";
import { fill } from "@/lib/i18n/format";
import type { REFUND_REJECTION_REASONS, REFUND_STATUSES } from "@/lib/schemas/refund";

type RefundKey = Extract<keyof DashboardMessages, `refund${string}`>;
export type RefundLabels = Pick<DashboardMessages, RefundKey | "err_noWallet" | "viewOnExplorer">;

type Status = (typeof REFUND_STATUSES)[number];
type Rejection = (typeof REFUND_REJECTION_REASONS)[number];

// Every refund status and every reason a refund is refused has words in the catalogue: a new one
// without them is a compile error here (the catalogues' own type makes every language have them).
null as unknown as DashboardMessages satisfies Record<`refundStatus_${Status}` | `refundReject_${Rejection}`, string>;

export function refundLabels(m: DashboardMessages): RefundLabels {
  const picked = Object.fromEntries(Object.entries(m).filter(([k]) => k.startsWith("refund")));
  return { ...(picked as Pick<DashboardMessages, RefundKey>), err_noWallet: m.err_noWallet, viewOnExplorer: m.viewOnExplorer };
}

export function refundStatusText(t: RefundLabels, r: { status: Status; rejectionReason: string | null }): string {
  if (r.status !== "rejected") return t[`refundStatus_${r.status}`];
  const reason = r.rejectionReason ?? "";
  const words = (t as Record<string, string>)[`refundReject_${reason}`];
  return fill(t.refundStatus_rejected, { reason: words ?? reason });
}
