// Runs the operations CLI against the e2e database, as an operator would.
import { execFileSync } from "node:child_process";

export function jopay<T = Record<string, unknown>>(...args: string[]): T {
  const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/jopay.ts", ...args, "--json"], {
    env: process.env,
    encoding: "utf8",
  });
  return JSON.parse(out) as T;
}
