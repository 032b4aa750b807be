"use server";
// The request page's refund actions. Thin, like ../../actions.ts: each resolves the merchant's
// session (currentMerchant) and calls a lib/refunds/ function with the merchant's own id, which
// refuses any refund or request that is not that merchant's as not found. What goes wrong comes
// back as a sentence in the dashboard's language, never as a 500: the refund errors here, the rest
// through the merchant actions' one mapper (../../action-failure.ts).
import { currentMerchant } from "@/lib/auth/session/current-merchant";
import { isApiError } from "@/lib/errors";
import { dashboardMessagesFor, type DashboardMessages } from "@/lib/i18n/dashboard-messages";
import { fill } from "@/lib/i18n/format";
import { parseUsdcInput, usdcInputText } from "@/lib/merchants/refund-amounts";
import { approveRefund } from "@/lib/refunds/approve-refund";
import { cancelRefund } from "@/lib/refunds/cancel-refund";
import { createRefund } from "@/lib/refunds/create-refund";
import { prepareRefundTransfer } from "@/lib/refunds/prepare-refund-transfer";
import { submitRefundTx } from "@/lib/refunds/submit-refund-tx";
import { actionFailure } from "../../action-failure";
import { merchantPreferences } from "../../preferences";
import { ADDRESS_RE } from "@/lib/schemas/hex";
import type { RefundTransfer } from "@/components/merchant/refunds/send-refund";

export type RefundActionResult<T = object> = ({ ok: true } & T) | { ok: false; error: string; field?: "amount" | "to" | "reason" };



async function labels(): Promise<DashboardMessages> {
  return dashboardMessagesFor((await merchantPreferences()).locale);
}

/** `of`: what the action was aimed at, for a not_found (another merchant's, or gone). */
function fail(m: DashboardMessages, err: unknown, of: "request" | "refund" = "refund"): { ok: false; error: string; field?: "amount" | "to" | "reason" } {
  if (isApiError(err)) {
    switch (err.code) {
      case "refund_exceeds_received": {
        const left = typeof err.extra.refundable_usdc_micro === "string" ? BigInt(err.extra.refundable_usdc_micro) : null;
        return { ok: false, field: "amount", error: left === null ? m.refundExceeds : fill(m.refundAmountInvalid, { max: usdcInputText(left) }) };
      }
      case "request_not_refundable":
        return { ok: false, error: m.refundNotRefundable };
      case "not_found":
        return { ok: false, error: of === "request" ? m.refundNotRefundable : m.refundWrongState };
      case "refund_wrong_state":
        return { ok: false, error: m.refundWrongState };
      case "refund_tx_conflict":
        return { ok: false, error: m.refundTxConflict };
      case "validation_error": {
        const field = (err.extra.details as { field?: string }[] | undefined)?.[0]?.field;
        if (field === "to_address") return { ok: false, field: "to", error: m.refundAddressInvalid };
        if (field === "amount_usdc_micro") return { ok: false, field: "amount", error: m.refundExceeds };
        break;
      }
    }
  }
  const { error } = actionFailure(err, m);
  return { ok: false, error };
}

const forBrowser = (t: Awaited<ReturnType<typeof prepareRefundTransfer>>): RefundTransfer => ({
  chainId: t.chainId,
  usdcContract: t.usdcContract,
  from: t.from,
  to: t.to,
  amountMicro: t.amountMicro.toString(),
  data: t.data,
});

export interface StartRefundInput {
  requestId: string;
  /** Decimal USDC text as typed ("12.5"). */
  amount: string;
  /** Empty: the payer (the verified transfer's sender). */
  to?: string;
  reason?: string;
}

/** Creates the merchant's refund (awaiting_transfer) and returns the transfer its wallet must send. */
export async function startRefund(input: StartRefundInput): Promise<RefundActionResult<{ refundId: string; transfer: RefundTransfer }>> {
  const m = await labels();
  try {
    const session = await currentMerchant();
    if (!session) return { ok: false, error: m.sessionEnded };
    const amountMicro = parseUsdcInput(String(input.amount ?? ""));
    if (amountMicro === null) return { ok: false, field: "amount", error: m.amountInvalid };
    const to = String(input.to ?? "").trim();
    if (to && !ADDRESS_RE.test(to)) return { ok: false, field: "to", error: m.refundAddressInvalid };
    const merchantId = session.merchant.id;
    const refund = await createRefund({
      requestId: String(input.requestId),
      amountMicro,
      toAddress: to || null,
      reason: String(input.reason ?? "").trim() || null,
      initiatedBy: "merchant",
      merchantId,
      actor: { id: merchantId, email: session.merchant.email ?? null, role: "merchant" },
    });
    return { ok: true, refundId: refund.id, transfer: forBrowser(await prepareRefundTransfer(merchantId, refund.id)) };
  } catch (err) {
    return fail(m, err, "request");
  }
}

/** The transfer an approved (or not yet sent) refund needs from the merchant's wallet. */
export async function prepareRefund(refundId: string): Promise<RefundActionResult<{ transfer: RefundTransfer }>> {
  const m = await labels();
  try {
    const session = await currentMerchant();
    if (!session) return { ok: false, error: m.sessionEnded };
    return { ok: true, transfer: forBrowser(await prepareRefundTransfer(session.merchant.id, String(refundId))) };
  } catch (err) {
    return fail(m, err);
  }
}

/** The wallet sent it: the hash goes to the refund checker. */
export async function submitRefund(refundId: string, txHash: string): Promise<RefundActionResult> {
  const m = await labels();
  try {
    const session = await currentMerchant();
    if (!session) return { ok: false, error: m.sessionEnded };
    await submitRefundTx(session.merchant.id, String(refundId), String(txHash));
    return { ok: true };
  } catch (err) {
    return fail(m, err);
  }
}

/** Approves a refund the partner asked for: its wallet sends it next. */
export async function approvePartnerRefund(refundId: string): Promise<RefundActionResult> {
  const m = await labels();
  try {
    const session = await currentMerchant();
    if (!session) return { ok: false, error: m.sessionEnded };
    await approveRefund(session.merchant.id, String(refundId));
    return { ok: true };
  } catch (err) {
    return fail(m, err);
  }
}

/** Declines a partner's ask, or withdraws a refund not sent yet. */
export async function cancelMerchantRefund(refundId: string): Promise<RefundActionResult> {
  const m = await labels();
  try {
    const session = await currentMerchant();
    if (!session) return { ok: false, error: m.sessionEnded };
    await cancelRefund(session.merchant.id, String(refundId));
    return { ok: true };
  } catch (err) {
    return fail(m, err);
  }
}
