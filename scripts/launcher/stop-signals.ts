// How the dev launcher is told to stop: SIGINT (Ctrl-C), SIGTERM (a kill, npm passing one on, a
// process manager) or SIGHUP (the terminal closed). The first asks for an orderly stop; a second
// one forces it. A repeat within REPEAT_MS is not a second one: a Ctrl-C reaches us twice within
// milliseconds, from the terminal (we are in its foreground process group) and from npm, which
// forwards the SIGINT it got as well.
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const REPEAT_MS = 1_000;

export interface StopRequest {
  /** Resolves with the first stop signal. */
  readonly requested: Promise<NodeJS.Signals>;
  /** True once a stop signal arrived. */
  readonly signalled: boolean;
}

/** Listens for the stop signals from now on; `onForce` runs on a second one. */
export function listenForStop(onForce: (signal: NodeJS.Signals) => void): StopRequest {
  let firstAt: number | undefined;
  let resolve: (signal: NodeJS.Signals) => void = () => {};
  const requested = new Promise<NodeJS.Signals>((r) => (resolve = r));
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      const now = performance.now();
      if (firstAt === undefined) {
        firstAt = now;
        resolve(signal);
      } else if (now - firstAt >= REPEAT_MS) {
        onForce(signal);
      }
    });
  }
  return {
    requested,
    get signalled() {
      return firstAt !== undefined;
    },
  };
}
