// One request with its latest proof, within the tenant (404 otherwise, SPEC §4).
import { findRequestOrNotFound, type TenantScope } from "@/lib/tenancy";
import type { PaymentRequest, Proof } from "@/lib/generated/prisma/client";
import type { RequestOutput } from "@/lib/schemas/request";
import { proofsOfRequests, shownProofs } from "@/lib/payments/latest-proof";
import { refundsByRequest } from "@/lib/refunds/list-refunds";
import { requestObject } from "./serialize-request";

export async function getRequest(scope: TenantScope, id: string) {
  return findRequestOrNotFound(scope, id);
}

/**
 * Serialises requests with the proof each shows and their refunds (at most one plain-SQL query each
 * for a whole page; the proof rule is `shownProofs`, as for `latestProof`). Every request is looked up, not only those with a proof attached: a rejected
 * proof leaves `proof_status: none` and `tx_hash: null`, and its reason must stay visible (SPEC §6).
 * Not parsed through requestOutput here: the Partner API checks its whole answer against the
 * operation's schema (withApiKey), and the console renders the fields it names.
 */
export async function presentRequests(requests: PaymentRequest[]): Promise<RequestOutput[]> {
  if (requests.length === 0) return [];
  const ids = requests.map((r) => r.id);
  const proofs = await proofsOfRequests(ids);
  // Only a payment that verified (and may since have been reversed) can have refunds: a page of
  // unpaid requests, and an idempotent replay of a fresh create, cost no refunds query.
  const paid = [...new Set(proofs.filter((p) => p.outcome === "verified" || p.reversedAt !== null).map((p) => p.requestId))];
  const refunds = paid.length > 0 ? await refundsByRequest(paid) : new Map();
  const latest: Map<string, Proof> = shownProofs(proofs);
  return requests.map((r) => requestObject(r, latest.get(r.id) ?? null, refunds.get(r.id)));
}

export async function presentRequest(request: PaymentRequest): Promise<RequestOutput> {
  return (await presentRequests([request]))[0];
}
