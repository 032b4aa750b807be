// The receipt email worker loop (worker/loops.ts): claims queued receipts (./queue-receipt-email.ts)
// with `FOR UPDATE SKIP LOCKED` and a lease, sends each over SMTP, and records the outcome.
//
// The guarantee, exactly. SMTP cannot join a database transaction, so a receipt goes out once —
// or, at worst, once more, and only if the process dies between the server's 250 reply to DATA
// (the moment the server takes the message) and the commit that marks the row sent:
//   1. claim (commit): the row is leased to us; a crash here sends nothing and the lease runs out,
//      so the next claim sends it — nothing is lost.
//   2. record the attempt (commit): attemptCount + 1, lastAttemptAt = now, before any SMTP byte.
//      An attempt that shows there with no outcome is one whose process died.
//   3. SMTP: a crash before the 250 means the server did not take the message (RFC 5321 §4.1.1.4:
//      it is responsible for it only once it has said 250), so sending it again is right.
//   4. mark sent (commit). A crash between the 250 and this commit is the one window for a second
//      copy. Both copies carry the same Message-ID (fixed at queue time), which mail systems use to
//      recognise a duplicate. The lease (2 min) outlasts every SMTP timeout (connect 10 s, greeting
//      10 s, socket 20 s) many times, so a slow send is not re-claimed by another worker meanwhile;
//      and "sent" is recorded even if our lease did lapse, so a late 250 still stops a retry.
// A failure is retried on a schedule; a 5xx (an unknown mailbox: permanent) or the last retry
// marks the row failed. Each row is its own attempt, so a bad address never holds up the others.
// An attempt that kills the process (a message that crashes the renderer or the SMTP client) never
// reaches the schedule: its row comes back at each lease expiry. So the claim counts attempts too
// and, once a row has had as many as the schedule allows, marks it failed instead of sending it.
import { randomBytes } from "node:crypto";
import { config } from "@/lib/config";
import { db, Prisma } from "@/lib/db";
import { log } from "@/lib/log";
import type { Loop } from "@/lib/loop";
import { loadReceiptFacts, renderReceiptEmail } from "./receipt-email";
import { sendEmail } from "./send-email";

export interface ReceiptEmailConfig {
  /** Wait before attempt i + 2 (after the first failure, the second…); one more failure than entries marks it failed. */
  schedule: readonly number[];
  leaseMs: number;
  /** Receipts one pass claims (sent side by side). */
  batch: number;
  /** Overrides config().SMTP_URL (tests). */
  smtpUrl?: string;
  /** Restrict the loop to some partners' requests (tests; like the webhook worker's partnerIds). */
  partnerIds?: string[];
}

// 1 min, 5 min, 30 min, 2 h, 6 h: a mail server down for a morning still delivers the receipt.
export const DEFAULT_RECEIPT_SCHEDULE_MS = [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000] as const;

export function defaultReceiptEmailConfig(overrides: Partial<ReceiptEmailConfig> = {}): ReceiptEmailConfig {
  return { schedule: DEFAULT_RECEIPT_SCHEDULE_MS, leaseMs: 120_000, batch: 8, ...overrides };
}

/** Attempts a receipt gets: the first and one per schedule entry, whether they failed or crashed. */
export const maxReceiptAttempts = (cfg: Pick<ReceiptEmailConfig, "schedule">) => cfg.schedule.length + 1;

/** lastError of a row given up at claim time; `{attempts}` is filled in by the claim. */
export const CRASHED_ATTEMPTS_ERROR = "gave up after {attempts} attempts: the last one never finished (the worker died during the send)";

/**
 * Leases up to `limit` due receipts to `owner`; returns their ids. A due row that already had
 * maxReceiptAttempts attempts is not leased but marked failed in the same statement: an attempt
 * that recorded an outcome would have failed it already, so the last one died mid-send.
 */
export async function claimReceiptEmails(owner: string, cfg: ReceiptEmailConfig, limit = cfg.batch): Promise<string[]> {
  if (limit <= 0) return [];
  const partnerFilter = cfg.partnerIds
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM payment_requests r WHERE r.id = e."requestId" AND r."partnerId" = ANY(${cfg.partnerIds}::uuid[]))`
    : Prisma.empty;
  const max = maxReceiptAttempts(cfg);
  const rows = await db.$queryRaw<{ id: string; requestId: string; attemptCount: number; lastError: string | null; exhausted: boolean }[]>`
    WITH chosen AS (
      SELECT e.id, e."attemptCount" >= ${max}::int AS exhausted FROM receipt_emails e
      WHERE e.status = 'pending' AND e."nextAttemptAt" <= now()
        AND (e."leaseUntil" IS NULL OR e."leaseUntil" < now()) ${partnerFilter}
      ORDER BY e."nextAttemptAt"
      LIMIT ${limit}::int
      FOR UPDATE OF e SKIP LOCKED
    )
    UPDATE receipt_emails e
    SET status = CASE WHEN chosen.exhausted THEN 'failed'::"ReceiptEmailStatus" ELSE e.status END,
        "leaseOwner" = CASE WHEN chosen.exhausted THEN NULL ELSE ${owner}::text END,
        "leaseUntil" = CASE WHEN chosen.exhausted THEN NULL ELSE now() + ${cfg.leaseMs}::int * interval '1 millisecond' END,
        "lastError" = CASE WHEN chosen.exhausted THEN replace(${CRASHED_ATTEMPTS_ERROR}::text, '{attempts}', e."attemptCount"::text) ELSE e."lastError" END,
        "updatedAt" = now()
    FROM chosen WHERE e.id = chosen.id
    RETURNING e.id, e."requestId", e."attemptCount", e."lastError", chosen.exhausted`;
  for (const r of rows) if (r.exhausted) log.warn("receipt email failed", { requestId: r.requestId, attempts: r.attemptCount, error: r.lastError });
  return rows.filter((r) => !r.exhausted).map((r) => r.id);
}

export type ReceiptOutcome = "sent" | "retry" | "failed" | "cancelled" | "lost_lease";

const clean = (s: string | undefined, max = 1000) => (s ?? "").replaceAll("\u0000", "").slice(0, max) || null;

/** Steps 2–4 above for one claimed receipt. */
export async function sendClaimedReceipt(id: string, owner: string, cfg: ReceiptEmailConfig): Promise<ReceiptOutcome> {
  const mine = { id, leaseOwner: owner, status: "pending" as const };
  const started = new Date();
  const { count } = await db.receiptEmail.updateMany({ where: mine, data: { attemptCount: { increment: 1 }, lastAttemptAt: started } });
  if (count === 0) return "lost_lease";
  const row = await db.receiptEmail.findUniqueOrThrow({ where: { id } });

  const facts = await loadReceiptFacts(row.requestId, row.locale);
  if (!facts) {
    // Reversed by a reorg before it went out: no receipt for a payment that no longer stands.
    await db.receiptEmail.updateMany({ where: mine, data: { status: "cancelled", leaseOwner: null, leaseUntil: null, lastError: "the payment is no longer verified" } });
    return "cancelled";
  }
  const email = renderReceiptEmail(facts);
  const result = await sendEmail({ to: row.to, ...email, messageId: row.messageId }, cfg.smtpUrl ? { smtpUrl: cfg.smtpUrl } : {});

  const now = new Date();
  if (result.sent) {
    // Not guarded by the lease: the server has the message, so no one may send it again.
    await db.receiptEmail.updateMany({ where: { id, status: "pending" }, data: { status: "sent", sentAt: now, leaseOwner: null, leaseUntil: null, lastError: null } });
    log.info("receipt email sent", { requestId: row.requestId, attempt: row.attemptCount });
    return "sent";
  }
  const delay = result.permanent ? undefined : cfg.schedule[row.attemptCount - 1];
  const error = clean(result.error ?? "not sent");
  if (delay === undefined) {
    await db.receiptEmail.updateMany({ where: mine, data: { status: "failed", leaseOwner: null, leaseUntil: null, lastError: error } });
    log.warn("receipt email failed", { requestId: row.requestId, attempts: row.attemptCount, permanent: result.permanent === true, error });
    return "failed";
  }
  await db.receiptEmail.updateMany({
    where: mine,
    data: { nextAttemptAt: new Date(now.getTime() + delay), leaseOwner: null, leaseUntil: null, lastError: error },
  });
  return "retry";
}

/** One pass: claim a batch and send it. Without SMTP it claims nothing (nothing is queued then either). */
export async function runReceiptEmailPass(workerId: string, cfg: ReceiptEmailConfig): Promise<number> {
  if (!(cfg.smtpUrl ?? config().SMTP_URL)) return 0;
  const owner = `${workerId}#${randomBytes(4).toString("hex")}`;
  const ids = await claimReceiptEmails(owner, cfg);
  await Promise.all(
    ids.map((id) =>
      sendClaimedReceipt(id, owner, cfg).catch((err: unknown) => {
        // The lease runs out and a later pass retries it; nothing is lost.
        log.error("receipt email attempt crashed", { receiptEmailId: id, error: err instanceof Error ? err.message : String(err) });
      }),
    ),
  );
  return ids.length;
}

export function receiptEmailLoop(overrides: Partial<ReceiptEmailConfig> & { intervalMs?: number } = {}): Loop {
  const { intervalMs = config().WORKER_POLL_MS, ...rest } = overrides;
  const cfg = defaultReceiptEmailConfig(rest);
  return { name: "receipt-email", intervalMs, run: (ctx) => runReceiptEmailPass(ctx.workerId, cfg) };
}
