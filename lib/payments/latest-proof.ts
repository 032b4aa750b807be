// The proof a request's API object shows: the newest one (serializeRequest's `proof`).
import { db, type Tx } from "@/lib/db";
import type { Proof } from "@/lib/generated/prisma/client";

export async function latestProof(requestId: string, client: Tx | typeof db = db): Promise<Proof | null> {
  return client.proof.findFirst({ where: { requestId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}
