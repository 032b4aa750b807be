// One row of `npm run bench`'s combined table (bench/run-all.ts): what a bench measured against one
// of its targets, or a figure it only reports (pass: null). Every bench puts its rows in its
// results file under `checks`, and decides pass/fail itself; run-all only prints and counts them.
// Results go to bench/results/ (the figures of the last full run, quoted by the README), or to
// BENCH_RESULTS_DIR for a quick check of a bench's own code with smaller settings.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const resultsDir = () => process.env.BENCH_RESULTS_DIR || join("bench", "results");
export const resultsFile = (bench: string) => join(resultsDir(), `${bench}.json`);

/** Writes the bench's results file; returns its path. */
export function writeResults(bench: string, result: unknown): string {
  mkdirSync(resultsDir(), { recursive: true });
  const file = resultsFile(bench);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
export interface Check {
  row: string;
  figure: string;
  target: string;
  pass: boolean | null;
}

/** A ratio target: `value` against `limit`, both as the bench computed them. */
export function ratioCheck(row: string, value: number | null, op: "≤" | "≥", limit: number, detail = ""): Check {
  const pass = value === null || !Number.isFinite(value) ? false : op === "≤" ? value <= limit : value >= limit;
  return { row, figure: `${value === null ? "?" : `${value}×`}${detail ? ` (${detail})` : ""}`, target: `${op} ${limit}×`, pass };
}

/** A figure printed for context, with no target. */
export const reported = (row: string, figure: string): Check => ({ row, figure, target: "—", pass: null });

/** The bench's own exit code: 1 when any of its checks failed. */
export function exitOnMissed(bench: string, checks: Check[]) {
  const missed = checks.filter((c) => c.pass === false);
  if (missed.length) {
    console.error(`bench:${bench} missed: ${missed.map((c) => `${c.row} (${c.figure}, target ${c.target})`).join("; ")}`);
    process.exitCode = 1;
  }
}
