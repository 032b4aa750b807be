// Creating a refund of a verified payment (late and overpaid payments included: they are verified
// proofs). The merchant creates one from its dashboard (awaiting_transfer: its wallet sends it
// next); a partner asks for one through the API (requested: the merchant approves or declines).
//
// A refund can never exceed what was received: under the request's row lock — taken by every
// creation, so concurrent ones queue — the refunds not cancelled or rejected plus this one must fit
// in proof.receivedMicro (./refundable-amount.ts).
import { ApiError } from "@/lib/errors";
import { assertIdShape, notFound, type TenantScope } from "@/lib/tenancy";
import type { AuditEntry } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db";
import type { PaymentRequest, Refund } from "@/lib/generated/prisma/client";
import { lockRequest } from "@/lib/payments/attach-proof";
import { latestProof } from "@/lib/payments/latest-proof";
import { resolveIdempotencyKey } from "@/lib/requests/idempotency-key";
import { serializeRequest } from "@/lib/requests/serialize-request";
import { emitRefundEvent } from "./emit-refund-event";
import { refundsOf } from "./list-refunds";
import { payerOf } from "./payer-of";
import { recordRefundAudit } from "./record-refund-audit";
import { refundableMicro } from "./refundable-amount";
import { ADDRESS_RE } from "@/lib/schemas/hex";

export const MAX_REFUND_REASON_LENGTH = 500;

export interface CreateRefundInput {
  requestId: string;
  /** Micro-units, > 0; "remaining": everything still refundable. */
  amountMicro: bigint | "remaining";
  reason?: string | null;
  /** Default: the payer (the verified transfer's sender). Required when the payment has none (simulated). */
  toAddress?: string | null;
  initiatedBy: "merchant" | "partner";
  /** The merchant's own requests only (dashboard). */
  merchantId?: string;
  /** The partner's requests in the key's mode only (API). */
  scope?: TenantScope;
  actor: AuditEntry["actor"];
  ip?: string | null;
  /** Partner API: a repeat with the same key returns the refund it created. */
  idempotencyKey?: string | null;
}

export interface CreateRefundResult {
  refund: Refund;
  /** True when the idempotency key matched a refund created before (returned unchanged). */
  replay: boolean;
}

export async function createRefund(input: CreateRefundInput): Promise<Refund> {
  return (await createRefundOrReplay(input)).refund;
}

export async function createRefundOrReplay(input: CreateRefundInput): Promise<CreateRefundResult> {
  if (!input.merchantId && !input.scope) throw new Error("createRefund needs a merchantId or a tenant scope");
  assertIdShape(input.requestId);
  const amount = input.amountMicro;
  if (amount !== "remaining" && amount <= 0n) throw invalid("amount_usdc_micro", "must be greater than 0");
  if (input.toAddress != null && !ADDRESS_RE.test(input.toAddress)) throw invalid("to_address", "must be 0x followed by 40 hex characters");
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > MAX_REFUND_REASON_LENGTH) throw invalid("reason", `must be at most ${MAX_REFUND_REASON_LENGTH} characters`);
  const idem = input.idempotencyKey != null ? resolveIdempotencyKey(input.idempotencyKey).key : null;
  return db.$transaction((tx) => createInTx(tx, { ...input, reason, idempotencyKey: idem }));
}

async function createInTx(tx: Tx, input: CreateRefundInput): Promise<CreateRefundResult> {
  const request = await lockRequest(tx, input.requestId, input.scope ?? null);
  if (!request || (input.merchantId && request.merchantId !== input.merchantId)) throw notFound();

  if (input.idempotencyKey) {
    const prior = await tx.refund.findUnique({ where: { requestId_idempotencyKey: { requestId: request.id, idempotencyKey: input.idempotencyKey } } });
    if (prior) return { refund: prior, replay: true };
  }

  const proof = request.proofStatus === "verified" ? await latestProof(request.id, tx) : null;
  if (!proof || proof.outcome !== "verified" || proof.receivedMicro === null) {
    throw new ApiError("request_not_refundable", undefined, { request: serializeRequest(request, proof, await refundsOf(request.id, tx)) });
  }

  const left = await refundableMicro(tx, proof);
  const amountMicro = input.amountMicro === "remaining" ? left : input.amountMicro;
  if (amountMicro <= 0n || amountMicro > left) {
    throw new ApiError("refund_exceeds_received", undefined, {
      received_usdc_micro: proof.receivedMicro.toString(),
      refundable_usdc_micro: left.toString(),
    });
  }

  const payer = await payerOf(tx, proof.id);
  const given = input.toAddress?.toLowerCase() ?? null;
  // A partner may not send the merchant's money somewhere else than where it came from: with a
  // known payer, only the merchant (who signs the transfer) chooses another address.
  if (input.initiatedBy === "partner" && payer && given && given !== payer) {
    throw invalid("to_address", "must be the payer's address (the sender of the payment) or omitted; the merchant can choose another one");
  }
  const toAddress = given ?? payer;
  if (!toAddress) throw invalid("to_address", "is required: this payment has no recorded payer (a simulated payment)");
  if (toAddress === request.receivingWallet.toLowerCase()) throw invalid("to_address", "must not be the merchant's own receiving wallet");

  const refund = await tx.refund.create({
    data: {
      requestId: request.id,
      proofId: proof.id,
      partnerId: request.partnerId,
      merchantId: request.merchantId,
      testMode: request.testMode,
      chainId: request.chainId,
      usdcContract: request.usdcContract.toLowerCase(),
      fromWallet: request.receivingWallet.toLowerCase(),
      toAddress,
      amountMicro,
      reason: input.reason ?? null,
      initiatedBy: input.initiatedBy,
      idempotencyKey: input.idempotencyKey ?? null,
      status: input.initiatedBy === "partner" ? "requested" : "awaiting_transfer",
    },
  });
  await recordRefundAudit(tx, { actor: input.actor, ip: input.ip, action: "refund.created", refund });
  // The partner asked: tell it (and its other systems) the ask is recorded and waits for the merchant.
  if (refund.initiatedBy === "partner") await emitRefundEvent(tx, "refund.requested", request as PaymentRequest, refund);
  return { refund, replay: false };
}

function invalid(field: string, issue: string) {
  return new ApiError("validation_error", "Invalid request body.", { details: [{ field, issue }] });
}
