// Bearer key → partner, mode and scopes. Keys are looked up by SHA-256 hash only (SPEC §4).
import { db } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { ApiKey, Partner } from "@/lib/generated/prisma/client";
import { hashKey, keyMode, type KeyMode } from "@/lib/api-keys/key-format";
import type { Scope } from "@/lib/api-keys/scopes";
import { ApiError } from "@/lib/errors";

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

  const row = await findKeyWithPartner(hashKey(key));
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.partner.disabled || row.mode !== mode) {
    throw new ApiError("unauthorized");
  }
  touchLastUsed(row, now);
  return {
    requestId,
    partner: row.partner,
    partnerId: row.partner.id,
    mode,
    testMode: mode === "test",
    apiKeyId: row.id,
    scopes: row.scopes as Scope[],
  };
}

type KeyWithPartner = Pick<ApiKey, "id" | "mode" | "scopes" | "expiresAt" | "revokedAt" | "lastUsedAt"> & { partner: Partner };
type KeyRow = Omit<KeyWithPartner, "partner"> & { [K in keyof Partner as `p_${K}`]: Partner[K] };

/** Exported for bench:api's bare baseline, which runs the same statements. */
export const KEY_WITH_PARTNER_SQL = `SELECT k.id, k.mode::text AS mode, k.scopes, k."expiresAt", k."revokedAt", k."lastUsedAt",
    p.id AS "p_id", p.slug AS "p_slug", p.name AS "p_name", p.currency AS "p_currency",
    p."brandLogoUrl" AS "p_brandLogoUrl", p."brandPrimaryColor" AS "p_brandPrimaryColor",
    p."brandAccentColor" AS "p_brandAccentColor", p."allowedExpiryMinutes" AS "p_allowedExpiryMinutes",
    p."defaultPosExpiryMinutes" AS "p_defaultPosExpiryMinutes", p."onboardingRequiredFields" AS "p_onboardingRequiredFields",
    p."payPageFrameAncestors" AS "p_payPageFrameAncestors", p."rateLimitPerMinute" AS "p_rateLimitPerMinute", p."merchantCreateLimitPerMinute" AS "p_merchantCreateLimitPerMinute",
    p.disabled AS "p_disabled", p."createdAt" AS "p_createdAt", p."updatedAt" AS "p_updatedAt"
  FROM api_keys k JOIN partners p ON p.id = k."partnerId"
  WHERE k."keyHash" = $1`;

/**
 * The key and its partner in one read, in plain SQL (lib/db/sql.ts): Prisma's `include` costs a
 * second round trip on every API request, and Prisma's per-query CPU is several times pg's (bench:api).
 * Nothing is cached, so a revoked key or a disabled partner is refused on the very next request. Partner columns are listed one by one and mapped into a Partner literal, so a
 * new column fails to compile here; test/api/authenticate.test.ts compares the result with Prisma's.
 */
async function findKeyWithPartner(keyHash: string): Promise<KeyWithPartner | null> {
  const [r] = await sql<KeyRow>(KEY_WITH_PARTNER_SQL, [keyHash]);
  if (!r) return null;
  const partner: Partner = {
    id: r.p_id,
    slug: r.p_slug,
    name: r.p_name,
    currency: r.p_currency,
    brandLogoUrl: r.p_brandLogoUrl,
    brandPrimaryColor: r.p_brandPrimaryColor,
    brandAccentColor: r.p_brandAccentColor,
    allowedExpiryMinutes: r.p_allowedExpiryMinutes,
    defaultPosExpiryMinutes: r.p_defaultPosExpiryMinutes,
    onboardingRequiredFields: r.p_onboardingRequiredFields,
    payPageFrameAncestors: r.p_payPageFrameAncestors,
    rateLimitPerMinute: r.p_rateLimitPerMinute,
    merchantCreateLimitPerMinute: r.p_merchantCreateLimitPerMinute,
    disabled: r.p_disabled,
    createdAt: r.p_createdAt,
    updatedAt: r.p_updatedAt,
  };
  return { id: r.id, mode: r.mode, scopes: r.scopes, expiresAt: r.expiresAt, revokedAt: r.revokedAt, lastUsedAt: r.lastUsedAt, partner };
}

// last_used_at is informational: write it at most once a minute per key per process instead of on
// every request, and never let that write slow down or fail the request.
const lastWrite = new Map<string, number>();
const TOUCH_INTERVAL_MS = 60_000;

function touchLastUsed(key: Pick<ApiKey, "id" | "lastUsedAt">, now: Date) {
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
