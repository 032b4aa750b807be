// Creating a shell merchant (seeds: merchants-api "Create a merchant"). Idempotent on
// wallet_address within (partner, mode); a wallet held by another partner's or the other mode's
// merchant is 409 wallet_address_conflict. Both are decided by the global unique index on
// merchants.walletAddress, so two concurrent creates with one wallet cannot both insert.
import { ApiError } from "@/lib/errors";
import type { TenantScope } from "@/lib/tenancy";
import { recordAuditFor, type AuditFor } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db";
import { uniqueViolation } from "@/lib/db/unique-violation";
import type { Merchant } from "@/lib/generated/prisma/client";
import type { CreateMerchantInput } from "@/lib/schemas/merchant";
import { issueOnboardingToken } from "./onboarding-token";

export interface CreateMerchantResult {
  merchant: Merchant;
  /** True when an existing merchant with this wallet was returned (seeds: idempotent_replay). */
  replay: boolean;
}

/** `audit` (console): the action's audit entry, written in the creating transaction (not on a replay). */
export async function createMerchant(scope: TenantScope, input: CreateMerchantInput, opts: { audit?: AuditFor<Merchant> } = {}): Promise<CreateMerchantResult> {
  const wallet = input.wallet_address ?? null;
  if (wallet) {
    const existing = await replayOrConflict(scope, wallet);
    if (existing) return { merchant: existing, replay: true };
  }
  try {
    const merchant = await db.$transaction(async (tx: Tx) => {
      const m = await tx.merchant.create({
        data: {
          partnerId: scope.partnerId,
          testMode: scope.testMode,
          email: input.email ?? null,
          displayName: input.display_name ?? null,
          businessName: input.business_name ?? null,
          country: input.country ?? null,
          phone: input.phone ?? null,
          website: input.website ?? null,
          instagram: input.instagram ?? null,
          industry: input.industry ?? null,
          displayCurrency: input.display_currency ?? null,
          accountType: input.account_type,
          walletAddress: wallet,
        },
      });
      // The first onboarding link is issued with the merchant, so the create response carries it.
      await issueOnboardingToken(m.id, {}, tx);
      await recordAuditFor(tx, opts.audit, m);
      return m;
    });
    return { merchant, replay: false };
  } catch (err) {
    const v = uniqueViolation(err);
    if (wallet && v && /wallet/i.test(v.constraint)) {
      // Lost a race with a concurrent create of the same wallet: decide from the winner's row.
      const existing = await replayOrConflict(scope, wallet);
      if (existing) return { merchant: existing, replay: true };
      throw new ApiError("wallet_address_conflict");
    }
    throw err;
  }
}

/** The partner's own merchant with this wallet in this mode, null if none; 409 if someone else's. */
async function replayOrConflict(scope: TenantScope, wallet: string): Promise<Merchant | null> {
  const holder = await db.merchant.findUnique({ where: { walletAddress: wallet } });
  if (!holder) return null;
  // seeds: another partner's or the other mode's wallet → 409, never that merchant's data.
  if (holder.partnerId !== scope.partnerId || holder.testMode !== scope.testMode) throw new ApiError("wallet_address_conflict");
  return holder;
}
