// Collects JoPay's structured log lines (lib/log.ts writes them to stdout/stderr) while a test runs,
// still passing them through to the terminal.
import { vi } from "vitest";

export interface LogLine {
  level: string;
  msg: string;
  [k: string]: unknown;
}

export function captureLogs() {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const grab = (chunk: unknown) => {
    const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : "";
    for (const line of text.split("\n").filter(Boolean)) {
      raw.push(line);
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        /* not one of ours */
      }
    }
  };
  const spies = [process.stdout, process.stderr].map((stream) => {
    const original = stream.write.bind(stream);
    return vi.spyOn(stream, "write").mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      grab(chunk);
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  });
  return { lines, raw, restore: () => spies.forEach((s) => s.mockRestore()) };
}
