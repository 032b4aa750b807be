// The audit log (SPEC §8): who did what to which object, with before/after snapshots. Written with
// the transaction client of the change wherever the change is ours to run, so a change and its
// record commit together. Snapshots pass through redact(): secrets, hashes and sealed values never
// reach the log, whatever a caller hands in.
import { Prisma, type Tx } from "@/lib/db";
import type { Sql } from "@/lib/db/sql";
import type { User } from "@/lib/generated/prisma/client";
import { uuidv7 } from "@/lib/ids";

const SECRET_KEYS = /^(password|passwordHash|keyHash|tokenHash|secret|secretSealed|previousSecretSealed|key|token)$/i;

export function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === "object") {
    if (value instanceof Prisma.Decimal) return value.toString();
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEYS.test(k)) continue;
      out[k] = redact(v);
    }
    return out;
  }
  return value;
}

/** JoPay itself, not a person or a key: `email` says which part of it acted. */
export interface SystemActor {
  id: null;
  email: string;
  role: "system";
}

/** The actor of changes JoPay's own worker makes (a reorg reversing a payment). */
export const SYSTEM_ACTOR: SystemActor = { id: null, email: "jopay-worker", role: "system" };

/** An operator at the command line (`npm run jopay`) or the demo seed. */
export const CLI_ACTOR: SystemActor = { id: null, email: "jopay-cli", role: "system" };

/** A merchant in its dashboard (id: the merchant's) or a partner's API key (id: the key's): not console users. */
export interface PrincipalActor {
  id: string;
  email: string | null;
  role: "merchant" | "api_key";
}

export interface AuditEntry {
  actor: Pick<User, "id" | "email" | "role"> | SystemActor | PrincipalActor;
  action: string;
  partnerId?: string | null;
  targetType?: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

const snapshot = (v: unknown) => (v === undefined || v === null ? null : (redact(v) as Prisma.InputJsonValue));

/** The row for an entry: the one place an entry is mapped and redacted, however it is written. */
function auditRow(e: AuditEntry) {
  return {
    id: uuidv7(),
    actorType: e.actor.role,
    actorId: e.actor.id,
    actorLabel: e.actor.email,
    partnerId: e.partnerId ?? null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    before: snapshot(e.before),
    after: snapshot(e.after),
    ip: e.ip ?? null,
  };
}

const INSERT_SQL = `
  INSERT INTO audit_log (id, "actorType", "actorId", "actorLabel", "partnerId", action, "targetType", "targetId", before, after, ip)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11)`;

/** Writes with the change's transaction: a Prisma one, or a plain-SQL one (lib/db/sql.ts). */
export async function recordAudit(tx: Tx | Sql, e: AuditEntry) {
  const row = auditRow(e);
  if (typeof tx === "function") {
    const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
    await tx(INSERT_SQL, [row.id, row.actorType, row.actorId, row.actorLabel, row.partnerId, row.action, row.targetType, row.targetId, json(row.before), json(row.after), row.ip]);
    return;
  }
  await tx.auditLog.create({ data: { ...row, before: row.before ?? Prisma.DbNull, after: row.after ?? Prisma.DbNull } });
}

/**
 * How a console action hands its audit entry to a domain function that runs its own transaction:
 * the function calls it with its result and writes the entry with its transaction client, so the
 * change and its audit row commit together (or neither does). The API passes none.
 */
export type AuditFor<T> = (result: T) => AuditEntry;

export async function recordAuditFor<T>(tx: Tx | Sql, audit: AuditFor<T> | undefined, result: T) {
  if (audit) await recordAudit(tx, audit(result));
}

