// Structured one-line JSON logs. Callers never pass secrets; `redact` is a second line of defence
// for strings that look like key or webhook-secret material.
import { config } from "@/lib/config";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

const SECRET_RE = /(jo_(?:live|test)_)[0-9A-Za-z]{8,}|(whsec_)[A-Za-z0-9+/=]{8,}/g;

export function redact(text: string): string {
  return text.replace(SECRET_RE, (_m, a: string | undefined, b: string | undefined) => `${a ?? b}[redacted]`);
}

function emit(level: Level, msg: string, fields: Record<string, unknown> = {}) {
  let min: Level = "info";
  try {
    min = config().LOG_LEVEL;
  } catch {
    /* config errors are reported elsewhere; keep logging */
  }
  if (LEVELS[level] < LEVELS[min]) return;
  const line = redact(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
}

export const log = {
  debug: (msg: string, f?: Record<string, unknown>) => emit("debug", msg, f),
  info: (msg: string, f?: Record<string, unknown>) => emit("info", msg, f),
  warn: (msg: string, f?: Record<string, unknown>) => emit("warn", msg, f),
  error: (msg: string, f?: Record<string, unknown>) => emit("error", msg, f),
};
