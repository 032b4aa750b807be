// Moving a transfer from the request it was wrongly proven for to the request it belongs to
// (./attribution), in one transaction: the wrong proof is rejected as `matches_other_request`
// (which frees its hash), and the owner gets the same hash attached as a proof of its own, which
// verification then checks like any other. Both requests' events commit with the change.
import { isApiError } from "@/lib/errors";
import type { Tx } from "@/lib/db";
import { log } from "@/lib/log";
import { attachProofInTx } from "./attach-proof";
import { settleProof, type BlockFacts, type SettleResult } from "./settle-proof";

export interface Reattribution {
  proof: { id: string; requestId: string; txHash: string };
  ownerId: string;
  receivedMicro: bigint;
  block: BlockFacts;
  leaseToken: string;
}

/** Null when the proof was no longer ours to settle (lease lost, already settled). */
export async function reattribute(tx: Tx, r: Reattribution): Promise<SettleResult | null> {
  // Both requests locked up front, in id order: two proofs moving in opposite directions in one
  // batch (each request's transfer proven for the other) would otherwise deadlock.
  await tx.$queryRaw`SELECT id FROM payment_requests WHERE id IN (${r.proof.requestId}::uuid, ${r.ownerId}::uuid) ORDER BY id FOR UPDATE`;
  const settled = await settleProof(tx, r.proof, { kind: "rejected", reason: "matches_other_request", receivedMicro: r.receivedMicro, block: r.block }, r.leaseToken);
  if (!settled) return null;
  try {
    await attachProofInTx(tx, { requestId: r.ownerId, txHash: r.proof.txHash, source: "watcher", scope: null });
  } catch (err) {
    // The owner stopped taking proofs between the rule's read and this lock (paid by another tx,
    // cancelled): the transfer is still not this request's. These refusals are thrown before any
    // write, so the transaction stays usable.
    if (!isApiError(err)) throw err;
    log.info("transfer's owner no longer takes proofs; left unattached", { requestId: r.ownerId, txHash: r.proof.txHash, code: err.code });
  }
  return settled;
}
