// One request with its latest proof, within the tenant (404 otherwise, SPEC §4).
import { findRequestOrNotFound, type TenantScope } from "@/lib/api/tenant";
import { db } from "@/lib/db";
import type { PaymentRequest, Proof } from "@/lib/generated/prisma/client";
import type { RequestOutput } from "@/lib/schemas/request";
import { serializeRequest } from "./serialize-request";

export async function getRequest(scope: TenantScope, id: string) {
  return findRequestOrNotFound(scope, id);
}

/** Serialises requests with their latest proof each (one query for the proofs). */
export async function presentRequests(requests: PaymentRequest[]): Promise<RequestOutput[]> {
  const withProof = requests.filter((r) => r.txHash !== null || r.proofStatus !== "none");
  const latest = new Map<string, Proof>();
  if (withProof.length) {
    const proofs = await db.proof.findMany({ where: { requestId: { in: withProof.map((r) => r.id) } }, orderBy: { createdAt: "desc" } });
    for (const p of proofs) if (!latest.has(p.requestId)) latest.set(p.requestId, p);
  }
  return requests.map((r) => serializeRequest(r, latest.get(r.id) ?? null));
}

export async function presentRequest(request: PaymentRequest): Promise<RequestOutput> {
  return (await presentRequests([request]))[0];
}
