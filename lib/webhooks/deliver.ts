// The delivery worker's core (SPEC §7). Deliveries are claimed from PostgreSQL with
// `FOR UPDATE SKIP LOCKED` and a lease, so any number of workers share the queue and a worker that
// dies mid-attempt only delays its claims until the lease runs out (at-least-once: the receiver
// may then see the same webhook-id twice). Each claim takes at most `perEndpoint` deliveries per
// endpoint, oldest-due endpoints first, and a worker keeps at most `perEndpoint` attempts in flight
// per endpoint — a slow partner occupies its own slots, never everyone's.
//
// Two statements per attempt on the way that matters: the claim (shared by the batch it leases)
// hands back everything an attempt needs — event payload, endpoint URL and sealed secrets — and
// one statement records the outcome (attempt row, delivery, endpoint failing streak). Only a
// disable (410 Gone, five days of failures) takes a transaction of its own.
import { randomBytes } from "node:crypto";
import { config } from "@/lib/config";
import { db, Prisma } from "@/lib/db";
import { uuidv7 } from "@/lib/ids";
import { log } from "@/lib/log";
import { recordWebhookAttempt } from "@/lib/metrics/record";
import { DeliveryWakeup } from "./delivery-wakeup";
import { disableEndpoint } from "./disable-endpoint";
import { emailEndpointDisabled } from "./email-endpoint-disabled";
import { postWebhook, type PostResult } from "./post-webhook";
import { DEFAULT_RETRY_SCHEDULE_MS, nextRetryDelayMs } from "./retry-schedule";
import { openSecret } from "./secret-box";
import { webhookHeaders } from "./sign";
import type { Resolver } from "./url-guard";

export interface DeliveryConfig {
  /** Wait before attempt i + 1, in ms (SPEC §7 by default; tests inject short ones). */
  schedule: readonly number[];
  /** SPEC §7: success means 2xx within 15 s. */
  timeoutMs: number;
  /** How long a claim is ours; must outlast an attempt (timeout + database writes). */
  leaseMs: number;
  perEndpoint: number;
  maxConcurrency: number;
  allowPrivate: boolean;
  /** An endpoint failing this long is disabled (SPEC §7: 5 days). */
  disableAfterMs: number;
  /** Restrict the worker to some partners (tests; operators draining one partner). */
  partnerIds?: string[];
  resolve?: Resolver;
}

export function defaultDeliveryConfig(overrides: Partial<DeliveryConfig> = {}): DeliveryConfig {
  const timeoutMs = overrides.timeoutMs ?? 15_000;
  return {
    schedule: DEFAULT_RETRY_SCHEDULE_MS,
    timeoutMs,
    leaseMs: Math.max(60_000, timeoutMs + 30_000),
    perEndpoint: 4,
    maxConcurrency: 32,
    allowPrivate: config().JOPAY_ALLOW_PRIVATE_WEBHOOKS,
    disableAfterMs: 5 * 24 * 3_600_000,
    ...overrides,
  };
}

export interface Claim {
  id: string;
  eventId: string;
  endpointId: string;
  attemptCount: number;
  payload: unknown;
  apiRequestId: string | null;
  url: string;
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
}

/**
 * Leases up to `limit` due deliveries to `owner`, at most perEndpoint − busy per endpoint. An
 * endpoint that is failing (failingSince set) gets one attempt in flight, and only the slots healthy
 * endpoints leave: a handful of endpoints that time out (15 s a try, for days) must not hold every
 * slot of every worker while the working ones wait.
 *
 * Only endpoints that have pending deliveries are visited, found by a skip scan over the
 * (status, endpointId, nextAttemptAt) index — one index probe per such endpoint — so a claim costs
 * the same with 10 endpoints as with 10,000 that have nothing queued.
 */
export async function claimDeliveries(owner: string, cfg: DeliveryConfig, limit: number, busy: Map<string, number> = new Map()): Promise<Claim[]> {
  if (limit <= 0) return [];
  const busyIds = [...busy.keys()];
  const busyCounts = busyIds.map((id) => busy.get(id) ?? 0);
  const partnerFilter = cfg.partnerIds ? Prisma.sql`AND e."partnerId" = ANY(${cfg.partnerIds}::uuid[])` : Prisma.empty;
  return db.$queryRaw<Claim[]>`
    WITH RECURSIVE queued(id) AS (
      (SELECT "endpointId" FROM webhook_deliveries WHERE status = 'pending' ORDER BY status, "endpointId" LIMIT 1)
      UNION ALL
      SELECT (
        SELECT d."endpointId" FROM webhook_deliveries d
        WHERE d.status = 'pending' AND d."endpointId" > q.id ORDER BY d.status, d."endpointId" LIMIT 1
      )
      FROM queued q WHERE q.id IS NOT NULL
    ),
    chosen AS (
      SELECT x.id
      FROM queued
      JOIN webhook_endpoints e ON e.id = queued.id
      LEFT JOIN unnest(${busyIds}::uuid[], ${busyCounts}::int[]) AS b(eid, n) ON b.eid = e.id
      CROSS JOIN LATERAL (
        SELECT d.id, d."nextAttemptAt"
        FROM webhook_deliveries d
        WHERE d."endpointId" = e.id AND d.status = 'pending' AND d."nextAttemptAt" <= now()
          AND (d."leaseUntil" IS NULL OR d."leaseUntil" < now())
        ORDER BY d."nextAttemptAt"
        LIMIT greatest(CASE WHEN e."failingSince" IS NULL THEN ${cfg.perEndpoint}::int ELSE 1 END - coalesce(b.n, 0), 0)
        FOR UPDATE OF d SKIP LOCKED
      ) x
      WHERE e.disabled = false ${partnerFilter}
      ORDER BY (e."failingSince" IS NOT NULL), x."nextAttemptAt"
      LIMIT ${limit}::int
    )
    UPDATE webhook_deliveries d
    SET "leaseOwner" = ${owner}, "leaseUntil" = now() + ${cfg.leaseMs}::int * interval '1 millisecond', "updatedAt" = now()
    FROM chosen, events ev, webhook_endpoints e
    WHERE d.id = chosen.id AND ev.id = d."eventId" AND e.id = d."endpointId"
    RETURNING d.id, d."eventId", d."endpointId", d."attemptCount", ev.payload, ev."apiRequestId", e.url,
      e."secretSealed", e."previousSecretSealed", e."previousSecretExpiresAt"`;
}

/** The bytes we send: the outbox payload with its top-level keys in the documented order. */
export function eventBody(payload: unknown): Buffer {
  const p = payload as { id: string; type: string; created_at: string; test_mode: boolean; data: unknown; receipt?: unknown; refund?: unknown };
  // `receipt` (payment events since receipts exist) and `refund` (refund events) come last, so the fields before them are unchanged.
  const receipt = p.receipt === undefined ? {} : { receipt: p.receipt };
  const refund = p.refund === undefined ? {} : { refund: p.refund };
  return Buffer.from(JSON.stringify({ id: p.id, type: p.type, created_at: p.created_at, test_mode: p.test_mode, data: p.data, ...receipt, ...refund }), "utf8");
}

const clean = (s: string | null, max: number) => (s === null ? null : s.replaceAll("\u0000", "").slice(0, max));

/** One HTTP attempt for a claimed delivery, then its outcome recorded under our lease. */
export async function attemptDelivery(claim: Claim, owner: string, cfg: DeliveryConfig): Promise<PostResult> {
  const now = new Date();
  const secrets = openSecrets({ ...claim, id: claim.endpointId }, now);
  const body = eventBody(claim.payload);
  const result = secrets
    ? // webhook-id = event id on every attempt and redelivery; the timestamp is this attempt's.
      await postWebhook(claim.url, body, { ...webhookHeaders(claim.eventId, Math.floor(now.getTime() / 1000), body, secrets) }, {
        timeoutMs: cfg.timeoutMs,
        allowPrivate: cfg.allowPrivate,
        resolve: cfg.resolve,
      })
    : UNSIGNABLE;
  await recordOutcome(claim, owner, cfg, result);
  // Counted once recorded, so the counters agree with the delivery log (delivery_attempts).
  recordWebhookAttempt(result.success, result.statusCode);
  // A failed attempt is a warning (it will be retried; an endpoint disabled after many is an error,
  // lib/webhooks/disable-endpoint.ts). requestId: the API call whose change emitted the event.
  (result.success ? log.info : log.warn)(result.success ? "webhook attempt" : "webhook attempt failed", {
    ...(claim.apiRequestId ? { requestId: claim.apiRequestId } : {}),
    eventId: claim.eventId,
    deliveryId: claim.id,
    endpointId: claim.endpointId,
    attempt: claim.attemptCount + 1,
    status: result.statusCode,
    success: result.success,
    latencyMs: result.latencyMs,
    error: result.error,
  });
  return result;
}

/**
 * A secret that will not open (JOPAY_SECRET changed, a damaged row) is an attempt that failed, not a
 * crash: a crash would leave the delivery to its lease and retry it every minute, forever and
 * unrecorded; this way it follows the retry schedule, shows in the delivery log, and a persistent
 * cause disables the endpoint like any other failure. Nothing unsigned is ever sent.
 */
const UNSIGNABLE: PostResult = {
  statusCode: null,
  success: false,
  latencyMs: 0,
  responseExcerpt: null,
  error: "not sent: the endpoint's signing secret could not be opened (was JOPAY_SECRET changed?); roll the secret",
};

function openSecrets(endpoint: Pick<Claim, "secretSealed" | "previousSecretSealed" | "previousSecretExpiresAt"> & { id: string }, now: Date): string[] | null {
  try {
    const secrets = [openSecret(endpoint.secretSealed, endpoint.id)];
    if (endpoint.previousSecretSealed && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
      secrets.push(openSecret(endpoint.previousSecretSealed, endpoint.id));
    }
    return secrets;
  } catch (err) {
    log.error("webhook secret could not be opened", { endpointId: endpoint.id, error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

async function recordOutcome(claim: Claim, owner: string, cfg: DeliveryConfig, r: PostResult) {
  const now = new Date();
  const failingSince = await recordAttempt(claim, owner, cfg, r, now);
  const reason =
    r.statusCode === 410
      ? "the receiver answered 410 Gone" // SPEC §7: 410 Gone means "stop sending", not "try later".
      : !r.success && failingSince && now.getTime() - failingSince.getTime() >= cfg.disableAfterMs
        ? `every delivery failed for ${cfg.disableAfterMs >= 86_400_000 ? `${Math.round(cfg.disableAfterMs / 86_400_000)} days` : `${cfg.disableAfterMs} ms`}`
        : null;
  if (!reason) return;
  const disabled = await db.$transaction((tx) => disableEndpoint(tx, claim.endpointId, reason, now));
  // After the commit: the partner is emailed only about a disable that really happened.
  if (disabled) await emailEndpointDisabled(claim.endpointId, reason);
}

/**
 * One statement: the attempt row, the delivery's next state (only while the lease is still ours —
 * an attempt that outlived its lease is logged but decides nothing), and the endpoint's failing
 * streak (cleared by a success, started by the first failure; a 410 leaves it to the disable).
 * Returns when the streak began before this attempt, which decides a five-day disable.
 */
async function recordAttempt(claim: Claim, owner: string, cfg: DeliveryConfig, r: PostResult, now: Date): Promise<Date | null> {
  const retryIn = r.success || r.statusCode === 410 ? null : nextRetryDelayMs(cfg.schedule, claim.attemptCount + 1);
  const status = r.success ? "succeeded" : retryIn === null ? "failed" : "pending";
  const nextAttemptAt = retryIn === null ? null : new Date(now.getTime() + retryIn);
  const error = clean(r.error, 1000);
  const streak = r.success ? "clear" : r.statusCode === 410 ? "keep" : "start";
  const [row] = await db.$queryRaw<{ failingSince: Date | null }[]>`
    WITH before AS (
      SELECT "failingSince" FROM webhook_endpoints WHERE id = ${claim.endpointId}::uuid
    ),
    attempt AS (
      INSERT INTO delivery_attempts (id, "deliveryId", "eventId", "endpointId", "attemptNumber", url, "statusCode", success, "latencyMs", "responseExcerpt", error, "createdAt")
      SELECT ${uuidv7()}::uuid, ${claim.id}::uuid, ${claim.eventId}, ${claim.endpointId}::uuid,
        (SELECT count(*) FROM delivery_attempts WHERE "deliveryId" = ${claim.id}::uuid)::int + 1,
        ${claim.url}, ${r.statusCode}::int, ${r.success}, ${r.latencyMs}::int, ${clean(r.responseExcerpt, 1024)}, ${error}, ${now}
    ),
    delivery AS (
      UPDATE webhook_deliveries SET
        status = ${status}::"DeliveryStatus", "attemptCount" = ${claim.attemptCount + 1}::int, "lastStatusCode" = ${r.statusCode}::int,
        "lastError" = ${r.success ? null : error}, "succeededAt" = CASE WHEN ${r.success} THEN ${now}::timestamptz ELSE "succeededAt" END,
        "nextAttemptAt" = coalesce(${nextAttemptAt}::timestamptz, "nextAttemptAt"), "leaseOwner" = NULL, "leaseUntil" = NULL, "updatedAt" = ${now}
      WHERE id = ${claim.id}::uuid AND "leaseOwner" = ${owner}
    ),
    streak AS (
      UPDATE webhook_endpoints SET "failingSince" = CASE WHEN ${streak} = 'clear' THEN NULL ELSE ${now}::timestamptz END, "updatedAt" = ${now}
      WHERE id = ${claim.endpointId}::uuid
        AND ((${streak} = 'clear' AND "failingSince" IS NOT NULL) OR (${streak} = 'start' AND "failingSince" IS NULL))
    )
    SELECT "failingSince" FROM before`;
  return row?.failingSince ?? null;
}

/**
 * Claims and runs attempts without waiting for them, within the concurrency limits; `pass()` is
 * one turn of the worker loop, `drain()` waits for what is in flight.
 */
export class DeliveryRunner {
  private inFlight = new Map<string, number>();
  private running = new Set<Promise<void>>();
  private wakeup = new DeliveryWakeup();

  constructor(
    readonly workerId: string,
    readonly cfg: DeliveryConfig,
  ) {
    if (cfg.leaseMs <= cfg.timeoutMs) throw new Error("webhook lease must outlast the request timeout");
  }

  get active() {
    return this.running.size;
  }

  /**
   * One turn: claim what fits and start it. With nothing to claim the pass paces itself: it waits
   * (at most `idleWaitMs`) for a NOTIFY of new deliveries or for an attempt in flight to free its
   * slot, then reports 1 so the loop claims again at once instead of sleeping on top.
   */
  async pass(idleWaitMs = 500, signal?: AbortSignal): Promise<number> {
    if (this.running.size >= this.cfg.maxConcurrency) await Promise.race(this.running);
    const owner = `${this.workerId}#${randomBytes(4).toString("hex")}`;
    const claims = await claimDeliveries(owner, this.cfg, this.cfg.maxConcurrency - this.running.size, new Map(this.inFlight));
    for (const claim of claims) this.start(claim, owner);
    if (claims.length > 0) return claims.length;
    const waker = new AbortController();
    const stop = () => waker.abort();
    signal?.addEventListener("abort", stop, { once: true });
    try {
      await Promise.race([this.wakeup.wait(idleWaitMs, waker.signal), ...this.running]);
    } finally {
      waker.abort(); // release the wake-up wait if an attempt finished first
      signal?.removeEventListener("abort", stop);
    }
    return 1;
  }

  async stop() {
    await this.wakeup.stop();
  }

  async drain() {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private start(claim: Claim, owner: string) {
    this.inFlight.set(claim.endpointId, (this.inFlight.get(claim.endpointId) ?? 0) + 1);
    const p = attemptDelivery(claim, owner, this.cfg)
      .then(() => undefined)
      .catch((err: unknown) => {
        // The lease expires and another pass retries it; nothing is lost.
        log.error("webhook attempt crashed", { deliveryId: claim.id, error: err instanceof Error ? err.message : String(err) });
      })
      .finally(() => {
        const n = (this.inFlight.get(claim.endpointId) ?? 1) - 1;
        if (n <= 0) this.inFlight.delete(claim.endpointId);
        else this.inFlight.set(claim.endpointId, n);
        this.running.delete(p);
      });
    this.running.add(p);
  }
}
