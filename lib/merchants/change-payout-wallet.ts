// Changing a merchant's payout wallet: only with a SIWE signature from the NEW wallet (proving the
// merchant controls it), for this merchant only (the nonce purpose names the merchant), and with a
// merchant.wallet_changed event in the same transaction. Requests already created keep the
// receivingWallet snapshotted at creation, so a change never redirects an open payment.
import { ApiError } from "@/lib/errors";
import { verifySiwe, type VerifySiweInput } from "@/lib/auth/merchant/siwe";
import { db, type Tx } from "@/lib/db";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { emitEvent } from "@/lib/events/emit-event";
import type { Merchant } from "@/lib/generated/prisma/client";
import { serializeMerchant } from "./serialize-merchant";

export const walletChangePurpose = (merchantId: string) => `wallet-change:${merchantId}`;
export const WALLET_CHANGE_STATEMENT = "Use this wallet as my JoPay payout wallet.";

export async function changePayoutWallet(merchantId: string, siwe: Omit<VerifySiweInput, "purpose">): Promise<Merchant> {
  const { address } = await verifySiwe({ ...siwe, purpose: walletChangePurpose(merchantId) });
  try {
    return await db.$transaction(async (tx: Tx) => {
      const current = await tx.merchant.findUnique({ where: { id: merchantId }, include: { partner: true } });
      if (!current || current.onboardingStatus !== "complete") throw new ApiError("not_found");
      if (current.walletAddress === address) {
        throw new ApiError("validation_error", "This is already your payout wallet.", { details: [{ field: "wallet_address", issue: "unchanged" }] });
      }
      const merchant = await tx.merchant.update({ where: { id: merchantId }, data: { walletAddress: address } });
      await emitEvent(tx, {
        partnerId: merchant.partnerId,
        testMode: merchant.testMode,
        type: "merchant.wallet_changed",
        data: { ...serializeMerchant(merchant, current.partner.slug, null), previous_wallet_address: current.walletAddress },
        merchantId: merchant.id,
      });
      await tx.auditLog.create({
        data: {
          actorType: "merchant",
          actorId: merchant.id,
          partnerId: merchant.partnerId,
          action: "merchant.wallet_changed",
          targetType: "merchant",
          targetId: merchant.id,
          before: { wallet_address: current.walletAddress },
          after: { wallet_address: merchant.walletAddress },
        },
      });
      return merchant;
    });
  } catch (err) {
    if (uniqueViolation(err)) throw new ApiError("wallet_address_conflict");
    throw err;
  }
}
