"use client";
// Sending one refund from the merchant's wallet: the transfer JoPay prepared → the wallet (wagmi,
// loaded only now: ./send-refund) → the hash to JoPay → the page shows it confirming. What went
// wrong is kept per refund, so it stays beside that refund while the page re-reads itself.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { prepareRefund, submitRefund } from "@/app/(merchant)/merchant/requests/[id]/refund-actions";
import { fill } from "@/lib/i18n/format";
import { shortAddress } from "@/lib/i18n/dashboard-format";
import type { RefundLabels } from "./refund-labels";
import type { RefundTransfer, WalletChain } from "./send-refund";

export interface RefundNotice {
  refundId: string;
  message: string;
}

export function useRefundSender(chain: WalletChain, t: RefundLabels) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<RefundNotice | null>(null);

  /** Sends `refundId`; `prepared` when the caller already has its transfer (just created). */
  async function send(refundId: string, prepared?: RefundTransfer): Promise<void> {
    setBusy(refundId);
    setNotice(null);
    const stop = (message: string) => setNotice({ refundId, message });
    try {
      let transfer = prepared;
      if (!transfer) {
        const r = await prepareRefund(refundId);
        if (!r.ok) return stop(r.error);
        transfer = r.transfer;
      }
      const { sendRefundTransfer } = await import("./send-refund");
      const sent = await sendRefundTransfer(transfer, chain);
      if (!sent.ok) {
        if (sent.kind === "no_wallet") return stop(t.err_noWallet);
        if (sent.kind === "declined") return stop(t.refundWalletDeclined);
        if (sent.kind === "wrong_account") {
          // Lower-case, as the dashboard writes addresses everywhere else.
          const short = (a: string) => shortAddress(a.toLowerCase());
          return stop(fill(t.refundWrongAccount, { connected: short(sent.connected) || "?", wallet: short(transfer.from) }));
        }
        return stop(fill(t.refundWalletFailed, { reason: sent.reason }));
      }
      const submitted = await submitRefund(refundId, sent.hash);
      if (!submitted.ok) return stop(submitted.error);
    } catch (err) {
      stop(fill(t.refundWalletFailed, { reason: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(null);
      // Sent or not, the refund's row shows where it is now (a new one waits for the wallet).
      router.refresh();
    }
  }

  return { busy, notice, setNotice, send };
}
