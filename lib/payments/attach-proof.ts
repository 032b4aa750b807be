// Attach a transaction hash as the proof of a request (SPEC §5, §6). One function for every
// source — partner API, pay page, the transfer watcher, simulate_payment — so the rules and the
// `payment.proof_attached` event are the same whoever offers the hash.
//
// A hash is the live proof of at most one request: Proof @@unique([chainId, activeTxHash]) holds
// it under concurrency (two attaches of one hash race on the index, one commits, the other gets
// P2002 → 409 proof_conflict). A request may hold several pending proofs (a customer who pasted
// a wrong hash must be able to paste the right one; an unknown hash is rejected only after a day,
// as not_found); the request's tx_hash is the newest one.
import { ApiError } from "@/lib/errors";
import { assertIdShape, notFound, type TenantScope } from "@/lib/tenancy";
import { db, type Tx } from "@/lib/db";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { emitEvent } from "@/lib/events/emit-event";
import type { PaymentRequest, Proof, ProofSource } from "@/lib/generated/prisma/client";
import { refundsOf } from "@/lib/refunds/list-refunds";
import { serializeRequest } from "@/lib/requests/serialize-request";
import { latestProof } from "./latest-proof";
import { serializePayStatus } from "./pay-status";
import { STORED_HASH_RE } from "@/lib/schemas/hex";

/** Pending proofs one request may hold at once (a few typos plus the real payment). */
export const MAX_PENDING_PROOFS = 5;

export interface AttachProofArgs {
  requestId: string;
  /** Any case; stored lower-cased. */
  txHash: string;
  /** Optional assertion by the caller; must be the request's chain. */
  chainId?: number;
  source: ProofSource;
  /** Partner API: only that partner's requests in that mode. null: public (pay page) or system (watcher). */
  scope: TenantScope | null;
  /** simulate_payment: the proof never goes to the chain. */
  simulated?: boolean;
}

export interface AttachProofResult {
  request: PaymentRequest;
  proof: Proof;
  /** false when this hash already was a live proof of this request (idempotent re-attach). */
  created: boolean;
}

export async function attachProof(args: AttachProofArgs): Promise<AttachProofResult> {
  assertIdShape(args.requestId);
  const txHash = args.txHash.toLowerCase();
  if (!STORED_HASH_RE.test(txHash)) {
    throw new ApiError("validation_error", "Invalid request body.", {
      details: [{ field: "tx_hash", issue: "must be a transaction hash: 0x followed by 64 hex characters" }],
    });
  }
  try {
    return await db.$transaction((tx) => attachProofInTx(tx, { ...args, txHash }));
  } catch (err) {
    // The hash became (or already was) the live proof of another request. If that claim is still
    // unverified it may be wrong (someone pasted this customer's hash into their own request):
    // have it checked now, so the attribution rules (./attribution) move the payment to the
    // request it belongs to — this one, if it is the one it paid — without waiting for a backoff.
    if (uniqueViolation(err)?.constraint.includes("activeTxHash")) {
      await recheckNow(txHash);
      throw new ApiError("proof_conflict");
    }
    throw err;
  }
}

/** Makes the unverified proof holding `txHash` due for verification at once. */
export async function recheckNow(txHash: string): Promise<number> {
  const { count } = await db.proof.updateMany({
    where: { txHash, activeTxHash: txHash, outcome: "pending" },
    data: { nextCheckAt: new Date() },
  });
  return count;
}

/** attachProof inside the caller's transaction (the args already checked by attachProof). */
export async function attachProofInTx(tx: Tx, args: AttachProofArgs): Promise<AttachProofResult> {
  const request = await lockRequest(tx, args.requestId, args.scope);
  if (!request) throw notFound();

  if (args.chainId !== undefined && args.chainId !== request.chainId) {
    throw new ApiError("validation_error", "Invalid request body.", {
      details: [{ field: "chain_id", issue: `must be ${request.chainId}, the chain of this request` }],
    });
  }

  const existing = await tx.proof.findFirst({
    where: { requestId: request.id, txHash: args.txHash, outcome: { in: ["pending", "verified"] } },
  });
  if (existing) return { request, proof: existing, created: false };

  if (request.status === "voided" || request.proofStatus === "verified") {
    const latest = await latestProof(request.id, tx);
    throw new ApiError("request_not_payable", undefined, {
      request: args.scope ? serializeRequest(request, latest, await refundsOf(request.id, tx)) : serializePayStatus(request, latest),
    });
  }
  // An expired request still takes a proof: a payment mined late verifies with late: true (SPEC §6).

  // An unknown hash is not rejected for a day (it may still be on its way), so without a cap anyone
  // with the pay link could park unlimited RPC work on one request. The watcher is exempt: it only
  // offers transfers it has seen paying this exact amount on chain, so it is bounded by real
  // payments — and five junk hashes pasted on the public page must never stop a real payment
  // from being matched.
  if (args.source !== "watcher") {
    const pending = await tx.proof.count({ where: { requestId: request.id, outcome: "pending" } });
    if (pending >= MAX_PENDING_PROOFS) throw new ApiError("too_many_proofs");
  }

  const proof = await tx.proof.create({
    data: {
      requestId: request.id,
      chainId: request.chainId,
      txHash: args.txHash,
      activeTxHash: args.txHash,
      source: args.source,
      simulated: args.simulated ?? false,
      // The watcher offers only transfers it read from the chain: seen, so the request waits for it.
      receiptSeenAt: args.source === "watcher" ? new Date() : null,
      expectedMicro: request.usdcMicro,
      nextCheckAt: new Date(),
    },
  });
  const updated = await tx.paymentRequest.update({
    where: { id: request.id },
    data: { proofStatus: "attached", txHash: args.txHash },
  });
  await emitEvent(tx, {
    partnerId: updated.partnerId,
    testMode: updated.testMode,
    type: "payment.proof_attached",
    data: serializeRequest(updated, proof),
    requestId: updated.id,
    merchantId: updated.merchantId,
  });
  return { request: updated, proof, created: true };
}

/** Row-locks the request (serialising attaches, verification and expiry of one request). */
export async function lockRequest(tx: Tx, requestId: string, scope: TenantScope | null): Promise<PaymentRequest | null> {
  const rows = scope
    ? await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM payment_requests
        WHERE id = ${requestId}::uuid AND "partnerId" = ${scope.partnerId}::uuid AND "testMode" = ${scope.testMode}
        FOR UPDATE`
    : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM payment_requests WHERE id = ${requestId}::uuid FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.paymentRequest.findUnique({ where: { id: requestId } });
}
