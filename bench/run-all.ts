// `npm run bench` (bench/run-all.sh): every benchmark in turn, then one combined table of every
// bench's `checks` (bench/support/checks.ts) with the commit and the load average at start and
// end; exits 1 when any bench missed a target or failed. Each bench checks its own targets and
// writes its own results file; this only runs, collects and prints. Args: bench names (default all).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import { resultsFile, type Check } from "./support/checks";

const ALL = ["api", "verify", "webhooks", "paypage"];
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

function commit(): string {
  try {
    const hash = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { encoding: "utf8" }).trim() !== "";
    return dirty ? `${hash} + uncommitted changes` : hash;
  } catch {
    return "unknown (no git)";
  }
}

const benches = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
const startedAt = new Date().toISOString();
const loadStart = load();
const rows: (Check & { bench: string })[] = [];
for (const bench of benches) {
  console.error(`\n\x1b[1m› bench:${bench}\x1b[0m`);
  const file = resultsFile(bench);
  const before = existsSync(file) ? statSync(file).mtimeMs : 0;
  const run = spawnSync("npm", ["run", "--silent", `bench:${bench}`], { stdio: "inherit" });
  const fresh = existsSync(file) && statSync(file).mtimeMs > before;
  const checks: Check[] = fresh ? ((JSON.parse(readFileSync(file, "utf8")) as { checks?: Check[] }).checks ?? []) : [];
  rows.push(...checks.map((c) => ({ bench, ...c })));
  if (run.status !== 0 && !checks.some((c) => c.pass === false)) {
    rows.push({ bench, row: fresh ? "exit code" : "no results written", figure: `exit ${run.status ?? run.signal}`, target: "exit 0", pass: false });
  }
}
const loadEnd = load();

const head = ["bench", "row", "figure", "target", "result"];
const body = rows.map((r) => [r.bench, r.row, r.figure, r.target, r.pass === null ? "—" : r.pass ? "pass" : "FAIL"]);
const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
console.log(`\ncommit ${commit()}, started ${startedAt}, load average (1 5 15 min) ${loadStart} at start, ${loadEnd} at end`);
console.log(line(head));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const b of body) console.log(line(b));
const failed = rows.filter((r) => r.pass === false);
console.log(failed.length ? `\n${failed.length} missed or failed (see ${resultsFile("<bench>")})` : "\nall benchmarks met their targets");
process.exitCode = failed.length ? 1 : 0;
