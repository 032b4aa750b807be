// One request with its latest proof, within the tenant (404 otherwise, SPEC §4).
import { findRequestOrNotFound, type TenantScope } from "@/lib/api/tenant";
import { db } from "@/lib/db";
import type { PaymentRequest, Proof } from "@/lib/generated/prisma/client";
import type { RequestOutput } from "@/lib/schemas/request";
import { shownProofs } from "@/lib/payments/latest-proof";
import { serializeRequest } from "./serialize-request";

export async function getRequest(scope: TenantScope, id: string) {
  return findRequestOrNotFound(scope, id);
}

/**
 * Serialises requests with the proof each shows (one query for the proofs; the rule is
 * `shownProofs`, as for `latestProof`). Every request is looked up, not only those with a proof attached: a rejected
 * proof leaves `proof_status: none` and `tx_hash: null`, and its reason must stay visible (SPEC §6).
 */
export async function presentRequests(requests: PaymentRequest[]): Promise<RequestOutput[]> {
  const latest = requests.length ? shownProofs(await db.proof.findMany({ where: { requestId: { in: requests.map((r) => r.id) } } })) : new Map<string, Proof>();
  return requests.map((r) => serializeRequest(r, latest.get(r.id) ?? null));
}

export async function presentRequest(request: PaymentRequest): Promise<RequestOutput> {
  return (await presentRequests([request]))[0];
}
