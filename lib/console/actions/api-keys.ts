// Partner console: API keys (SPEC §4: shown once, revocable, roll with a 0–7 day overlap).
import { z } from "zod";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { SCOPES } from "@/lib/api-keys/scopes";
import { notFound, assertIdShape } from "@/lib/tenancy";
import { recordAudit } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db";
import type { ApiKey } from "@/lib/generated/prisma/client";
import { refuseControlCharacters } from "@/lib/schemas/common";
import { partnerScope, type ConsoleCtx } from "../context";

export const createKeyInput = z.object({
  name: refuseControlCharacters(z.string().trim().max(80)).default(""),
  mode: z.enum(["live", "test"]),
  scopes: z.array(z.enum(SCOPES)).default([]),
});

export const keyIdInput = z.object({ keyId: z.string() });
export const rollKeyInput = z.object({ keyId: z.string(), overlapDays: z.coerce.number().int().min(0).max(7) });

/** The fields of a key that may be shown and logged: never the hash. */
export const keySummary = (k: ApiKey) => ({
  id: k.id,
  name: k.name,
  mode: k.mode,
  display_prefix: k.displayPrefix,
  scopes: k.scopes,
  expires_at: k.expiresAt,
  revoked_at: k.revokedAt,
  rolled_from_id: k.rolledFromId,
});

export async function createKeyAction(ctx: ConsoleCtx, raw: z.input<typeof createKeyInput>) {
  const { user, partner } = partnerScope(ctx);
  const input = createKeyInput.parse(raw);
  return db.$transaction(async (tx) => {
    const { key, apiKey } = await createApiKey({ partnerId: partner.id, mode: input.mode, name: input.name, scopes: input.scopes, createdByUserId: user.id }, tx);
    await recordAudit(tx, { actor: user, action: "api_key.created", partnerId: partner.id, targetType: "api_key", targetId: apiKey.id, after: keySummary(apiKey), ip: ctx.ip });
    return { key, apiKey: keySummary(apiKey) };
  });
}

async function ownKey(tx: Tx, partnerId: string, keyId: string) {
  assertIdShape(keyId);
  const key = await tx.apiKey.findFirst({ where: { id: keyId, partnerId } });
  if (!key) throw notFound();
  return key;
}

export async function revokeKeyAction(ctx: ConsoleCtx, raw: z.input<typeof keyIdInput>) {
  const { user, partner } = partnerScope(ctx);
  const { keyId } = keyIdInput.parse(raw);
  return db.$transaction(async (tx) => {
    const before = await ownKey(tx, partner.id, keyId);
    if (before.revokedAt) return keySummary(before);
    const after = await tx.apiKey.update({ where: { id: before.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actor: user, action: "api_key.revoked", partnerId: partner.id, targetType: "api_key", targetId: after.id, before: keySummary(before), after: keySummary(after), ip: ctx.ip });
    return keySummary(after);
  });
}

/** A new key with the same mode, name and scopes; the old one keeps working for `overlapDays`. */
export async function rollKeyAction(ctx: ConsoleCtx, raw: z.input<typeof rollKeyInput>, now = new Date()) {
  const { user, partner } = partnerScope(ctx);
  const { keyId, overlapDays } = rollKeyInput.parse(raw);
  return db.$transaction(async (tx) => {
    const old = await ownKey(tx, partner.id, keyId);
    if (old.revokedAt || (old.expiresAt && old.expiresAt <= now)) throw notFound();
    const { key, apiKey } = await createApiKey({ partnerId: partner.id, mode: old.mode, name: old.name, scopes: old.scopes as (typeof SCOPES)[number][], createdByUserId: user.id }, tx);
    await tx.apiKey.update({ where: { id: apiKey.id }, data: { rolledFromId: old.id } });
    const expiresAt = new Date(now.getTime() + overlapDays * 24 * 60 * 60_000);
    const rolled = await tx.apiKey.update({ where: { id: old.id }, data: { expiresAt: old.expiresAt && old.expiresAt < expiresAt ? old.expiresAt : expiresAt } });
    await recordAudit(tx, {
      actor: user,
      action: "api_key.rolled",
      partnerId: partner.id,
      targetType: "api_key",
      targetId: old.id,
      before: keySummary(old),
      after: { old_key: keySummary(rolled), new_key: { ...keySummary(apiKey), rolled_from_id: old.id }, overlap_days: overlapDays },
      ip: ctx.ip,
    });
    return { key, apiKey: { ...keySummary(apiKey), rolled_from_id: old.id }, oldKey: keySummary(rolled) };
  });
}
