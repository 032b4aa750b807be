// Wakes idle delivery workers when new deliveries are queued, instead of making every webhook wait
// for the next poll. publishEvent() and redeliverEvent() NOTIFY inside their transaction, so the
// notification is sent at commit — exactly when the deliveries become visible. Best effort: if the
// LISTEN connection cannot be opened or drops, workers simply fall back to polling (SPEC §3:
// workers coordinate through PostgreSQL; this only shortens the wait).
import pg from "pg";
import { config } from "@/lib/config";
import type { Tx } from "@/lib/db";
import { log } from "@/lib/log";

export const WAKE_CHANNEL = "jopay_webhook_due";
const RETRY_MS = 10_000;

/** Called in the transaction that queued deliveries. */
export async function notifyDeliveriesDue(tx: Tx) {
  await tx.$executeRawUnsafe(`NOTIFY ${WAKE_CHANNEL}`);
}

export class DeliveryWakeup {
  private client: pg.Client | undefined;
  private connecting = false;
  private lastAttempt = 0;
  private pending = false;
  private waiters = new Set<() => void>();
  private stopped = false;

  /** Resolves true when woken by a notification (or one arrived since the last wait), false after `ms`. */
  async wait(ms: number, signal?: AbortSignal): Promise<boolean> {
    this.ensureListening();
    if (this.pending) {
      this.pending = false;
      return true;
    }
    return new Promise<boolean>((resolve) => {
      const done = (woken: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        signal?.removeEventListener("abort", onAbort);
        resolve(woken);
      };
      const wake = () => done(true);
      const onAbort = () => done(false);
      const timer = setTimeout(() => done(false), ms);
      this.waiters.add(wake);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  async stop() {
    this.stopped = true;
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => {});
  }

  private fire() {
    if (this.waiters.size === 0) {
      this.pending = true;
      return;
    }
    for (const w of [...this.waiters]) w();
  }

  private ensureListening() {
    if (this.client || this.connecting || this.stopped || Date.now() - this.lastAttempt < RETRY_MS) return;
    const url = config().DATABASE_URL;
    if (!url) return;
    this.connecting = true;
    this.lastAttempt = Date.now();
    const client = new pg.Client({ connectionString: url });
    const drop = (why: string) => {
      if (this.client === client) this.client = undefined;
      client.end().catch(() => {});
      if (!this.stopped) log.warn("webhook wake-up listener unavailable; polling only", { error: why });
    };
    client.on("error", (err) => drop(err.message));
    client.on("notification", () => this.fire());
    client
      .connect()
      .then(() => client.query(`LISTEN ${WAKE_CHANNEL}`))
      .then(() => {
        if (this.stopped) return void client.end().catch(() => {});
        this.client = client;
        client.on("end", () => this.client === client && (this.client = undefined));
      })
      .catch((err: Error) => drop(err.message))
      .finally(() => (this.connecting = false));
  }
}
