// Bearer key → partner, mode and scopes. Keys are looked up by SHA-256 hash only (SPEC §4).
import { db } from "@/lib/db";
import type { ApiKey, Partner } from "@/lib/generated/prisma/client";
import { hashKey, keyMode, type KeyMode } from "@/lib/api-keys/key-format";
import type { Scope } from "@/lib/api-keys/scopes";
import { ApiError } from "./errors";

export interface ApiContext {
  requestId: string;
  partner: Partner;
  partnerId: string;
  mode: KeyMode;
  /** Objects created with this key are test-mode objects iff true (seeds: frozen at create). */
  testMode: boolean;
  apiKeyId: string;
  scopes: Scope[];
}

export async function authenticate(req: Request, requestId: string): Promise<ApiContext> {
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const key = match?.[1] ?? "";
  const mode = keyMode(key);
  if (!mode) throw new ApiError("unauthorized");

  const row = await db.apiKey.findUnique({ where: { keyHash: hashKey(key) }, include: { partner: true } });
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.partner.disabled || row.mode !== mode) {
    throw new ApiError("unauthorized");
  }
  touchLastUsed(row, now);
  return {
    requestId,
    partner: row.partner,
    partnerId: row.partnerId,
    mode,
    testMode: mode === "test",
    apiKeyId: row.id,
    scopes: row.scopes as Scope[],
  };
}

// last_used_at is informational: write it at most once a minute per key per process instead of on
// every request, and never let that write slow down or fail the request.
const lastWrite = new Map<string, number>();
const TOUCH_INTERVAL_MS = 60_000;

function touchLastUsed(key: ApiKey, now: Date) {
  const prev = lastWrite.get(key.id) ?? key.lastUsedAt?.getTime() ?? 0;
  if (now.getTime() - prev < TOUCH_INTERVAL_MS) return;
  lastWrite.set(key.id, now.getTime());
  void db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } }).catch(() => lastWrite.delete(key.id));
}

export function requireScope(ctx: ApiContext, scope: Scope) {
  if (!ctx.scopes.includes(scope)) {
    throw new ApiError("insufficient_scope", `This API key lacks the ${scope} scope.`, { required_scope: scope });
  }
}
