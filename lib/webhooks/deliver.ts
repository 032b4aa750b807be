// The delivery worker's core (SPEC §7). Deliveries are claimed from PostgreSQL with
// `FOR UPDATE SKIP LOCKED` and a lease, so any number of workers share the queue and a worker that
// dies mid-attempt only delays its claims until the lease runs out (at-least-once: the receiver
// may then see the same webhook-id twice). Each claim takes at most `perEndpoint` deliveries per
// endpoint, oldest-due endpoints first, and a worker keeps at most `perEndpoint` attempts in flight
// per endpoint — a slow partner occupies its own slots, never everyone's.
import { randomBytes } from "node:crypto";
import { config } from "@/lib/config";
import { db, Prisma } from "@/lib/db";
import { log } from "@/lib/log";
import { recordWebhookAttempt } from "@/lib/metrics/record";
import type { WebhookEndpoint } from "@/lib/generated/prisma/client";
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

interface Claim {
  id: string;
  eventId: string;
  endpointId: string;
  attemptCount: number;
}

/**
 * Leases up to `limit` due deliveries to `owner`, at most perEndpoint − busy per endpoint. An
 * endpoint that is failing (failingSince set) gets one attempt in flight, and only the slots healthy
 * endpoints leave: a handful of endpoints that time out (15 s a try, for days) must not hold every
 * slot of every worker while the working ones wait.
 */
export async function claimDeliveries(owner: string, cfg: DeliveryConfig, limit: number, busy: Map<string, number> = new Map()): Promise<Claim[]> {
  if (limit <= 0) return [];
  const busyIds = [...busy.keys()];
  const busyCounts = busyIds.map((id) => busy.get(id) ?? 0);
  const partnerFilter = cfg.partnerIds ? Prisma.sql`AND e."partnerId" = ANY(${cfg.partnerIds}::uuid[])` : Prisma.empty;
  return db.$queryRaw<Claim[]>`
    WITH chosen AS (
      SELECT x.id
      FROM webhook_endpoints e
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
    FROM chosen WHERE d.id = chosen.id
    RETURNING d.id, d."eventId", d."endpointId", d."attemptCount"`;
}

/** The bytes we send: the outbox payload with its top-level keys in the documented order. */
export function eventBody(payload: unknown): Buffer {
  const p = payload as { id: string; type: string; created_at: string; test_mode: boolean; data: unknown };
  return Buffer.from(JSON.stringify({ id: p.id, type: p.type, created_at: p.created_at, test_mode: p.test_mode, data: p.data }), "utf8");
}

const clean = (s: string | null, max: number) => (s === null ? null : s.replaceAll("\u0000", "").slice(0, max));

/** One HTTP attempt for a claimed delivery, then its outcome recorded under our lease. */
export async function attemptDelivery(claim: Claim, owner: string, cfg: DeliveryConfig): Promise<PostResult | null> {
  const delivery = await db.webhookDelivery.findUnique({ where: { id: claim.id }, include: { event: true, endpoint: true } });
  if (!delivery || delivery.leaseOwner !== owner || delivery.endpoint.disabled) return null;
  const { event, endpoint } = delivery;

  const now = new Date();
  const secrets = openSecrets(endpoint, now);
  const body = eventBody(event.payload);
  const result = secrets
    ? // webhook-id = event id on every attempt and redelivery; the timestamp is this attempt's.
      await postWebhook(endpoint.url, body, { ...webhookHeaders(event.id, Math.floor(now.getTime() / 1000), body, secrets) }, {
        timeoutMs: cfg.timeoutMs,
        allowPrivate: cfg.allowPrivate,
        resolve: cfg.resolve,
      })
    : UNSIGNABLE;
  await recordOutcome(claim, owner, cfg, endpoint.url, result);
  // Counted once recorded, so the counters agree with the delivery log (delivery_attempts).
  recordWebhookAttempt(result.success, result.statusCode);
  // A failed attempt is a warning (it will be retried; an endpoint disabled after many is an error,
  // lib/webhooks/disable-endpoint.ts). requestId: the API call whose change emitted the event.
  (result.success ? log.info : log.warn)(result.success ? "webhook attempt" : "webhook attempt failed", {
    ...(event.apiRequestId ? { requestId: event.apiRequestId } : {}),
    eventId: event.id,
    deliveryId: claim.id,
    endpointId: endpoint.id,
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

function openSecrets(endpoint: Pick<WebhookEndpoint, "id" | "secretSealed" | "previousSecretSealed" | "previousSecretExpiresAt">, now: Date): string[] | null {
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

async function recordOutcome(claim: Claim, owner: string, cfg: DeliveryConfig, url: string, r: PostResult) {
  const disabledFor = await recordOutcomeTx(claim, owner, cfg, url, r);
  // After the commit: the partner is emailed only about a disable that really happened.
  if (disabledFor) await emailEndpointDisabled(claim.endpointId, disabledFor);
}

/** Records the attempt; returns the reason when this outcome disabled the endpoint. */
async function recordOutcomeTx(claim: Claim, owner: string, cfg: DeliveryConfig, url: string, r: PostResult): Promise<string | null> {
  const now = new Date();
  const attemptsMade = claim.attemptCount + 1;
  return db.$transaction(async (tx): Promise<string | null> => {
    const previous = await tx.deliveryAttempt.count({ where: { deliveryId: claim.id } });
    await tx.deliveryAttempt.create({
      data: {
        deliveryId: claim.id,
        eventId: claim.eventId,
        endpointId: claim.endpointId,
        attemptNumber: previous + 1,
        url,
        statusCode: r.statusCode,
        success: r.success,
        latencyMs: r.latencyMs,
        responseExcerpt: clean(r.responseExcerpt, 1024),
        error: clean(r.error, 1000),
        createdAt: now,
      },
    });
    const mine = { id: claim.id, leaseOwner: owner };
    const common = { attemptCount: attemptsMade, lastStatusCode: r.statusCode, leaseOwner: null, leaseUntil: null };

    if (r.success) {
      await tx.webhookDelivery.updateMany({ where: mine, data: { ...common, status: "succeeded", succeededAt: now, lastError: null } });
      await tx.webhookEndpoint.updateMany({ where: { id: claim.endpointId, failingSince: { not: null } }, data: { failingSince: null } });
      return null;
    }
    if (r.statusCode === 410) {
      // SPEC §7: 410 Gone means "stop sending", not "try later".
      await tx.webhookDelivery.updateMany({ where: mine, data: { ...common, status: "failed", lastError: clean(r.error, 1000) } });
      const reason = "the receiver answered 410 Gone";
      return (await disableEndpoint(tx, claim.endpointId, reason, now)) ? reason : null;
    }
    const delay = nextRetryDelayMs(cfg.schedule, attemptsMade);
    await tx.webhookDelivery.updateMany({
      where: mine,
      data: delay === null
        ? { ...common, status: "failed", lastError: clean(r.error, 1000) }
        : { ...common, status: "pending", nextAttemptAt: new Date(now.getTime() + delay), lastError: clean(r.error, 1000) },
    });
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: claim.endpointId }, select: { failingSince: true } });
    if (!endpoint) return null;
    if (!endpoint.failingSince) {
      await tx.webhookEndpoint.update({ where: { id: claim.endpointId }, data: { failingSince: now } });
    } else if (now.getTime() - endpoint.failingSince.getTime() >= cfg.disableAfterMs) {
      const days = Math.round(cfg.disableAfterMs / 86_400_000);
      const reason = `every delivery failed for ${days >= 1 ? `${days} days` : `${cfg.disableAfterMs} ms`}`;
      if (await disableEndpoint(tx, claim.endpointId, reason, now)) return reason;
    }
    return null;
  });
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
