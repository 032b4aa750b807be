// The loops a worker runs. Each capability adds its loop here; the logic lives in lib/.
import type { Loop } from "./run-loops";

export function allLoops(): Loop[] {
  return [];
}
