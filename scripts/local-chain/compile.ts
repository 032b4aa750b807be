// Compiles the test contracts in contracts/ with solc-js and caches the result on disk.
//
// Why a cache: loading solc-js (a ~9 MB emscripten build) and compiling costs ~0.2-1 s, and every
// test file / dev start that needs a local chain would pay it. The cache key covers everything
// that changes the output (sources, compiler version, settings), so a stale hit is impossible.
// solc is imported lazily so a cache hit never loads it.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Abi, Hex } from "viem";

export const CONTRACT_NAMES = ["TestUSDC", "TestForwarder", "TestSmartWallet", "TestSmartWalletFactory"] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

export interface ContractArtifact {
  abi: Abi;
  /** Creation bytecode, 0x-prefixed. */
  bytecode: Hex;
}
export type CompiledContracts = Record<ContractName, ContractArtifact>;

export interface CompileOptions {
  /** Where cached artifacts live. Default: <repo>/.cache/contracts */
  cacheDir?: string;
  /** Where the .sol files live. Default: <repo>/contracts */
  contractsDir?: string;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DEFAULT_CONTRACTS_DIR = path.join(REPO_ROOT, "contracts");
export const DEFAULT_CACHE_DIR = path.join(REPO_ROOT, ".cache", "contracts");

// Part of the cache key: changing any of these must invalidate cached artifacts.
// evmVersion is pinned so the output does not depend on solc's moving default, and "cancun" is
// supported by every anvil hardfork we'd run (anvil defaults to the latest).
const SOLC_SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: "cancun",
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
} as const;

/** Counters so tests can prove a cache hit did not invoke the compiler. */
const stats = { solcCompiles: 0, cacheHits: 0 };
export function compileStats(): Readonly<{ solcCompiles: number; cacheHits: number }> {
  return { ...stats };
}

/** The installed solc-js version, read from its package.json so we don't have to load solc. */
function solcVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = JSON.parse(readFileSync(require.resolve("solc/package.json"), "utf8")) as { version: string };
  return pkg.version;
}

// Only the fields of solc's standard-JSON output we read.
interface SolcOutput {
  errors?: { severity: "error" | "warning" | "info"; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
}

export async function compileContracts(opts: CompileOptions = {}): Promise<CompiledContracts> {
  const contractsDir = opts.contractsDir ?? DEFAULT_CONTRACTS_DIR;
  const cacheDir = opts.cacheDir ?? DEFAULT_CACHE_DIR;

  const sources: Record<string, { content: string }> = {};
  for (const name of CONTRACT_NAMES) {
    sources[`${name}.sol`] = { content: readFileSync(path.join(contractsDir, `${name}.sol`), "utf8") };
  }

  const version = solcVersion();
  const key = createHash("sha256")
    .update(JSON.stringify({ version, settings: SOLC_SETTINGS, sources }))
    .digest("hex");
  const cacheFile = path.join(cacheDir, `${key}.json`);

  const cached = readCache(cacheFile);
  if (cached) {
    stats.cacheHits++;
    return cached;
  }

  // solc is CommonJS (`export =`); the dynamic import hands us module.exports as `default`.
  const solc = (await import("solc")).default;
  stats.solcCompiles++;
  const input = { language: "Solidity", sources, settings: SOLC_SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input)) as string) as SolcOutput;

  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) {
    throw new Error(`solc ${version} failed:\n${errors.map((e) => e.formattedMessage).join("\n")}`);
  }

  const result = {} as CompiledContracts;
  for (const name of CONTRACT_NAMES) {
    const out = output.contracts?.[`${name}.sol`]?.[name];
    if (!out) throw new Error(`solc output has no contract ${name} in ${name}.sol`);
    result[name] = { abi: out.abi, bytecode: `0x${out.evm.bytecode.object}` };
  }

  // Write-then-rename so parallel test workers never read a half-written file.
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${cacheFile}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(tmp, JSON.stringify(result));
  renameSync(tmp, cacheFile);
  return result;
}

/** Returns the cached artifacts, or null when missing/unreadable (then we just recompile). */
function readCache(file: string): CompiledContracts | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const record = parsed as Partial<Record<ContractName, Partial<ContractArtifact>>>;
  for (const name of CONTRACT_NAMES) {
    const a = record[name];
    if (!a || !Array.isArray(a.abi) || typeof a.bytecode !== "string" || !a.bytecode.startsWith("0x")) {
      return null;
    }
  }
  return record as CompiledContracts;
}
