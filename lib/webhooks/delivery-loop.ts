// The webhook delivery loop the worker runs (worker/loops.ts). Logic lives in deliver.ts.
import { config } from "@/lib/config";
import type { Loop } from "@/lib/loop";
import { defaultDeliveryConfig, DeliveryRunner, type DeliveryConfig } from "./deliver";

export interface DeliveryLoop extends Loop {
  /** Waits for attempts in flight and closes the wake-up listener (tests, graceful shutdown). */
  drain(): Promise<void>;
}

export function webhookDeliveryLoop(overrides: Partial<DeliveryConfig> & { intervalMs?: number } = {}): DeliveryLoop {
  const { intervalMs = config().WORKER_POLL_MS, ...cfg } = overrides;
  let runner: DeliveryRunner | undefined;
  return {
    name: "webhook-delivery",
    intervalMs,
    run: async (ctx) => {
      runner ??= new DeliveryRunner(ctx.workerId, defaultDeliveryConfig(cfg));
      return runner.pass(intervalMs, ctx.signal);
    },
    drain: async () => {
      await runner?.drain();
      await runner?.stop();
    },
  };
}
