// A strict parser for the Prometheus text exposition format (0.0.4), for tests that scrape JoPay:
// every line must be a HELP, a TYPE, a comment, blank, or a sample of a family declared before it;
// names, label sets, escapes and values must be well-formed; no series twice; histogram buckets
// cumulative, ending in le="+Inf" equal to _count. Anything else throws, naming the line.

export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: MetricType;
  help: string | null;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set<MetricType>(["counter", "gauge", "histogram", "summary", "untyped"]);
const SUFFIXES: Partial<Record<MetricType, string[]>> = { histogram: ["_bucket", "_sum", "_count"], summary: ["", "_sum", "_count"] };

export class Scrape {
  constructor(readonly families: Map<string, Family>) {}

  family(name: string): Family {
    const f = this.families.get(name);
    if (!f) throw new Error(`no metric family ${name}`);
    return f;
  }

  /** The one sample with exactly these labels (others absent), or undefined. */
  value(name: string, labels: Record<string, string> = {}): number | undefined {
    for (const f of this.families.values()) {
      for (const s of f.samples) {
        if (s.name === name && sameLabels(s.labels, labels)) return s.value;
      }
    }
    return undefined;
  }
}

const sameLabels = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => a[k] === v);

export function parsePrometheusText(text: string): Scrape {
  const families = new Map<string, Family>();
  const seen = new Set<string>();
  const lines = text.split("\n");
  if (lines.at(-1) !== "") throw new Error("exposition must end with a newline");
  lines.forEach((line, i) => {
    const where = `line ${i + 1} (${JSON.stringify(line.slice(0, 120))})`;
    if (line === "") return;
    if (line.startsWith("#")) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (!m) return; // a plain comment
      const [, kind, name, rest] = m;
      if (!NAME.test(name)) throw new Error(`${where}: bad metric name`);
      const f = families.get(name) ?? { name, type: "untyped" as MetricType, help: null, samples: [] };
      if (f.samples.length) throw new Error(`${where}: ${kind} after the family's samples`);
      if (kind === "HELP") {
        if (f.help !== null) throw new Error(`${where}: second HELP`);
        f.help = unescape(rest, false, where);
      } else {
        if (!TYPES.has(rest as MetricType)) throw new Error(`${where}: unknown type`);
        if (families.has(name) && f.type !== "untyped") throw new Error(`${where}: second TYPE`);
        f.type = rest as MetricType;
      }
      families.set(name, f);
      return;
    }
    const sample = parseSample(line, where);
    const family = familyOf(families, sample.name);
    if (!family) throw new Error(`${where}: sample of an undeclared family`);
    const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    if (seen.has(key)) throw new Error(`${where}: the same series twice`);
    seen.add(key);
    family.samples.push(sample);
  });
  for (const f of families.values()) if (f.type === "histogram") checkHistogram(f);
  return new Scrape(families);
}

function familyOf(families: Map<string, Family>, sampleName: string): Family | undefined {
  const exact = families.get(sampleName);
  if (exact && !SUFFIXES[exact.type]) return exact;
  for (const f of families.values()) {
    for (const suffix of SUFFIXES[f.type] ?? []) if (sampleName === f.name + suffix) return f;
  }
  return undefined;
}

function parseSample(line: string, where: string): Sample {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)( -?\d+)?$/.exec(line);
  if (!m) throw new Error(`${where}: not a sample line`);
  const [, name, block, raw] = m;
  return { name, labels: block ? parseLabels(block.slice(1, -1), where) : {}, value: parseValue(raw, where) };
}

function parseLabels(body: string, where: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < body.length) {
    const eq = body.indexOf("=", i);
    if (eq < 0) throw new Error(`${where}: label without =`);
    const name = body.slice(i, eq);
    if (!LABEL.test(name)) throw new Error(`${where}: bad label name ${name}`);
    if (name in labels) throw new Error(`${where}: label ${name} twice`);
    if (body[eq + 1] !== '"') throw new Error(`${where}: label value not quoted`);
    let j = eq + 2;
    let raw = "";
    for (; j < body.length && body[j] !== '"'; j++) {
      if (body[j] === "\\") raw += body[j++];
      raw += body[j];
    }
    if (j >= body.length) throw new Error(`${where}: unterminated label value`);
    labels[name] = unescape(raw, true, where);
    i = j + 1;
    if (i < body.length) {
      if (body[i] !== ",") throw new Error(`${where}: expected , between labels`);
      i++;
    }
  }
  return labels;
}

function unescape(s: string, quotes: boolean, where: string): string {
  return s.replace(/\\(.)/g, (_m, c: string) => {
    if (c === "\\") return "\\";
    if (c === "n") return "\n";
    if (c === '"' && quotes) return '"';
    throw new Error(`${where}: bad escape \\${c}`);
  });
}

// As Prometheus reads it (Go's strconv.ParseFloat): NaN and Inf in any case — prom-client writes "Nan".
function parseValue(raw: string, where: string): number {
  if (/^\+?inf(inity)?$/i.test(raw)) return Infinity;
  if (/^-inf(inity)?$/i.test(raw)) return -Infinity;
  if (/^nan$/i.test(raw)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) throw new Error(`${where}: bad value ${raw}`);
  return Number(raw);
}

function checkHistogram(f: Family) {
  const series = new Map<string, { buckets: { le: number; v: number }[]; count?: number }>();
  const keyOf = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).filter(([k]) => k !== "le").sort());
  for (const s of f.samples) {
    const k = keyOf(s.labels);
    const entry = series.get(k) ?? { buckets: [] };
    if (s.name.endsWith("_bucket")) {
      if (s.labels.le === undefined) throw new Error(`${f.name}: bucket without le`);
      entry.buckets.push({ le: parseValue(s.labels.le, f.name), v: s.value });
    } else if (s.name.endsWith("_count")) entry.count = s.value;
    series.set(k, entry);
  }
  for (const [k, e] of series) {
    const sorted = [...e.buckets].sort((a, b) => a.le - b.le);
    if (sorted.at(-1)?.le !== Infinity) throw new Error(`${f.name}${k}: no le="+Inf" bucket`);
    sorted.forEach((b, i) => {
      if (i > 0 && b.v < sorted[i - 1].v) throw new Error(`${f.name}${k}: buckets not cumulative`);
    });
    if (e.count !== sorted.at(-1)!.v) throw new Error(`${f.name}${k}: _count ${e.count} != +Inf bucket ${sorted.at(-1)!.v}`);
  }
}
