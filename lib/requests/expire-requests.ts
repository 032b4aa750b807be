// Expiry sweeper (SPEC §6): `requested`/`opened` requests past expires_at with no proof become
// `expired` and emit `request.expired`. A verified request never expires, nor does one whose proof
// the chain has shown us (a real payment may be confirming; it may still verify, late). A proof the
// chain has never shown (a typo, junk pasted to hold the request) does not keep it open: the request
// expires on time and keeps its proof, which still verifies as `late` if it turns out to be real.
// Rows are claimed with FOR UPDATE SKIP LOCKED so several workers share the backlog; each row's
// change and event commit together.
import { config } from "@/lib/config";
import { db, Prisma } from "@/lib/db";
import { emitEvent } from "@/lib/events/emit-event";
import { serializeRequest } from "@/lib/requests/serialize-request";
import { latestProof } from "@/lib/payments/latest-proof";
import type { Loop } from "@/lib/loop";

export interface ExpireRequestsOptions {
  batchSize?: number;
  now?: Date;
  /** Restrict to one partner (tests, operator tooling). */
  partnerId?: string;
}

/** One pass: returns how many requests it expired. */
export async function expireRequests(opts: ExpireRequestsOptions = {}): Promise<number> {
  const batch = opts.batchSize ?? 100;
  let expired = 0;
  // Each request is its own short transaction: one slow row never holds a whole batch's locks.
  for (let i = 0; i < batch; i++) {
    const done = await db.$transaction(async (tx) => {
      const now = opts.now ?? new Date();
      const partnerFilter = opts.partnerId ? Prisma.sql`AND "partnerId" = ${opts.partnerId}::uuid` : Prisma.empty;
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM payment_requests
        WHERE status IN ('requested', 'opened') AND "expiresAt" <= ${now} ${partnerFilter}
          AND ("proofStatus" = 'none' OR ("proofStatus" = 'attached' AND NOT EXISTS (
            SELECT 1 FROM proofs p
            WHERE p."requestId" = payment_requests.id AND p.outcome = 'pending' AND (p."receiptSeenAt" IS NOT NULL OR p.simulated)
          )))
        ORDER BY "expiresAt"
        LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return false;
      const request = await tx.paymentRequest.update({
        where: { id: rows[0].id },
        data: { status: "expired", expiredAt: now },
      });
      await emitEvent(tx, {
        partnerId: request.partnerId,
        testMode: request.testMode,
        type: "request.expired",
        data: serializeRequest(request, await latestProof(request.id, tx)),
        requestId: request.id,
        merchantId: request.merchantId,
      });
      return true;
    });
    if (!done) break;
    expired++;
  }
  return expired;
}

export function expiryLoop(): Loop {
  // Expiry needs no sub-second precision: the pay page counts down itself and a proof attached
  // just after expires_at is still accepted. Once every few polls is plenty.
  return { name: "request-expiry", intervalMs: Math.max(config().WORKER_POLL_MS, 2_000), run: () => expireRequests() };
}
