// SPEC §7: attempts at 0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after the previous one, jittered
// so that a partner outage does not turn into synchronised retry waves when it ends.
export const DEFAULT_RETRY_SCHEDULE_MS = [0, 5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000];

/** ±10 %: enough to spread a burst, small enough that the schedule stays recognisable. */
export const JITTER = 0.1;

/**
 * Delay before the next attempt after `attemptsMade` attempts of the current run, or null when the
 * schedule is exhausted. schedule[i] is the wait before attempt i + 1.
 */
export function nextRetryDelayMs(schedule: readonly number[], attemptsMade: number, random: () => number = Math.random): number | null {
  if (attemptsMade >= schedule.length) return null;
  const base = schedule[attemptsMade];
  return Math.max(0, Math.round(base * (1 + JITTER * (2 * random() - 1))));
}
