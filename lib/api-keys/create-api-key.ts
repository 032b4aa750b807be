import { db, type Tx } from "@/lib/db";
import { displayPrefix, generateKey, hashKey, type KeyMode } from "./key-format";
import { SCOPES, type Scope } from "./scopes";

export interface CreateApiKeyInput {
  partnerId: string;
  mode: KeyMode;
  name?: string;
  scopes?: Scope[];
  createdByUserId?: string;
}

/** Creates a key; the returned `key` is the only time the plain value exists. */
export async function createApiKey(input: CreateApiKeyInput, tx: Tx = db) {
  const key = generateKey(input.mode);
  const row = await tx.apiKey.create({
    data: {
      partnerId: input.partnerId,
      mode: input.mode,
      name: input.name ?? "",
      keyHash: hashKey(key),
      displayPrefix: displayPrefix(key),
      scopes: input.scopes && input.scopes.length > 0 ? input.scopes : [...SCOPES],
      createdByUserId: input.createdByUserId,
    },
  });
  return { key, apiKey: row };
}
