// Tiny, strict flag parser for the operations CLI: unknown or missing flags are errors, never
// silently ignored (a typo in an operator's command must not do something else).
export class UsageError extends Error {}

export interface FlagSpec {
  [name: string]: { required?: boolean; boolean?: boolean; help: string };
}

export function parseFlags(argv: string[], spec: FlagSpec): Record<string, string | boolean | undefined> {
  const out: Record<string, string | boolean | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    if (!m) throw new UsageError(`unexpected argument "${arg}"`);
    const [, name, inline] = m;
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option --${name}`);
    if (s.boolean) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      out[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) {
      throw new UsageError(`--${name} needs a value`);
    }
    out[name] = value;
  }
  for (const [name, s] of Object.entries(spec)) {
    if (s.required && out[name] === undefined) throw new UsageError(`missing --${name}`);
  }
  return out;
}

export function usageOf(command: string, spec: FlagSpec): string {
  const flags = Object.entries(spec)
    .map(([n, s]) => `  --${n}${s.boolean ? "" : " <value>"}${s.required ? "" : " (optional)"}  ${s.help}`)
    .join("\n");
  return `${command}\n${flags}`;
}
