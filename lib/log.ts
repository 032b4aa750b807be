// Structured logs: one JSON object per line (pino), on stdout below `warn` and stderr from it, with
// the request id of the API call it belongs to wherever one is running (lib/request-context.ts).
// In development on a terminal the same lines are printed for reading (lib/log-pretty.ts).
// Callers never pass secrets; `redact` is a second line of defence over the written text for
// strings that look like key or webhook-secret material, and pino drops the usual secret paths.
import pino from "pino";
import { prettyLine } from "@/lib/log-pretty";
import { currentRequestId } from "@/lib/request-context";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

const SECRET_RE = /(jo_(?:live|test)_)[0-9A-Za-z]{8,}|(whsec_)[A-Za-z0-9+/=]{8,}/g;

export function redact(text: string): string {
  return text.replace(SECRET_RE, (_m, a: string | undefined, b: string | undefined) => `${a ?? b}[redacted]`);
}

const pretty = process.env.NODE_ENV !== "production" && process.stdout.isTTY && process.env.LOG_FORMAT !== "json";

// Through process.stdout/stderr (synchronous on Linux for files, pipes and terminals), not pino's
// own file-descriptor writer: whatever else watches the process's output (a test capturing logs,
// vitest, a supervisor's pipe) sees every line.
function stream(fd: 1 | 2): pino.DestinationStream {
  return {
    write: (line: string) => {
      (fd === 1 ? process.stdout : process.stderr).write(pretty ? prettyLine(line) : line);
    },
  };
}

let logger: pino.Logger | undefined;
function base(): pino.Logger {
  logger ??= pino(
    {
      level: "debug", // the threshold is LOG_LEVEL, read per line (tests change it)
      base: undefined, // no pid/hostname: the platform's log shipper adds those
      messageKey: "msg",
      timestamp: () => `,"t":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      redact: { paths: ["authorization", "*.authorization", "secret", "*.secret", "password", "*.password"], censor: "[redacted]" },
      hooks: { streamWrite: redact },
      serializers: { err: pino.stdSerializers.err },
    },
    pino.multistream(
      [
        { level: "debug", stream: stream(1) },
        { level: "warn", stream: stream(2) },
      ],
      { dedupe: true },
    ),
  );
  return logger;
}

// Read from the environment directly, not through config(): logging must work (and say why)
// when the rest of the configuration is invalid. LOG_LEVEL's values are validated in lib/config.ts.
function threshold(): Level {
  const v = process.env.LOG_LEVEL;
  return v && v in LEVELS ? (v as Level) : "info";
}

function emit(level: Level, msg: string, fields: Record<string, unknown> = {}) {
  if (LEVELS[level] < LEVELS[threshold()]) return;
  base()[level](bigintsAsStrings(fields), msg);
}

function bigintsAsStrings(fields: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "bigint") (out ??= { ...fields })[k] = v.toString();
  }
  return out ?? fields;
}

export const log = {
  debug: (msg: string, f?: Record<string, unknown>) => emit("debug", msg, f),
  info: (msg: string, f?: Record<string, unknown>) => emit("info", msg, f),
  warn: (msg: string, f?: Record<string, unknown>) => emit("warn", msg, f),
  error: (msg: string, f?: Record<string, unknown>) => emit("error", msg, f),
};
