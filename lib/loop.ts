// What a background loop is, for the domain files that define one (lib/payments, lib/webhooks, …):
// worker/run-loops.ts runs them; the domain never imports the worker.

export interface LoopContext {
  workerId: string;
  signal: AbortSignal;
}

export interface Loop {
  name: string;
  /** Idle sleep between runs. */
  intervalMs: number;
  /** One pass; returns how many items it handled (0 = idle). */
  run(ctx: LoopContext): Promise<number>;
}
