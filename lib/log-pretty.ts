// A JSON log line as a person reads it in a development terminal:
// `12:04:05.123 WARN  webhook attempt failed  eventId=evt_… status=500`.
const COLOURS: Record<string, string> = { debug: "\x1b[90m", info: "\x1b[36m", warn: "\x1b[33m", error: "\x1b[31m" };

export function prettyLine(line: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { t, level, msg, ...rest } = o;
  const time = typeof t === "string" ? t.slice(11, 23) : "";
  const lvl = String(level ?? "");
  const fields = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
  return `${time} ${COLOURS[lvl] ?? ""}${lvl.toUpperCase().padEnd(5)}\x1b[0m ${String(msg ?? "")}${fields ? `  \x1b[90m${fields}\x1b[0m` : ""}\n`;
}
