// Starts and stops a local anvil node (chain id 31337) for dev and tests.
//
// We call the platform binary from @foundry-rs/anvil-linux-amd64 directly: the @foundry-rs/anvil
// wrapper relies on a postinstall step that did not run here, and going through it would add a
// node process between us and anvil (signals for stop()/state dumps would have to be relayed).
import { findFreePort as freePortImpl } from "../support/free-port";
import { withParentDeathSignal } from "../support/parent-death-signal";
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import type { Address } from "viem";
import { ANVIL_CHAIN_ID } from "../../lib/chains/config";

export { ANVIL_CHAIN_ID };

/**
 * anvil's dev accounts from its default mnemonic ("test test ... junk"), lowercase. Every anvil we
 * start uses that mnemonic, so code that only needs an address (e.g. the deployer) can use these
 * without asking the node. startAnvil() still returns what the node reports.
 */
export const ANVIL_DEFAULT_ACCOUNTS: readonly Address[] = [
  "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
  "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
  "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
  "0x90f79bf6eb2c4f870365e785982e1f101e93b906",
  "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65",
  "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc",
  "0x976ea74026e726554db657fa54763abd0c3a0aa9",
  "0x14dc79964da2c08b23698b3d3cc7ca32193d9955",
  "0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f",
  "0xa0ee7a142d267c1f36714e4a8f75612f20a79720",
];

export interface StartAnvilOptions {
  /** Fixed port. Default: a free loopback port chosen by the OS. */
  port?: number;
  /** Seconds between blocks (fractions allowed, e.g. 0.5). Default: automine (a block per tx). */
  blockTime?: number;
  /** Default true: anvil's output is discarded. false: it is copied to our stdout/stderr. */
  quiet?: boolean;
  /**
   * anvil --state <path>: load the chain from this file if it exists and dump it there when anvil
   * exits gracefully (stop() sends SIGTERM, which triggers the dump; SIGKILL would lose it).
   */
  stateFile?: string;
  /** How long to wait for anvil to listen and answer eth_chainId. Default 15 000 ms. */
  startTimeoutMs?: number;
  /**
   * Run anvil in a process group of its own, so a Ctrl-C in the terminal reaches only us and we
   * stop it when we choose (the dev launcher stops it last). Default false: it shares ours.
   */
  detached?: boolean;
}

export interface AnvilInstance {
  rpcUrl: string;
  port: number;
  chainId: number;
  /** The node's dev accounts (eth_accounts), lowercase. */
  accounts: Address[];
  pid: number;
  /** SIGTERM, then wait for exit (SIGKILL after 10 s). Idempotent. */
  stop(): Promise<void>;
}

const STDERR_KEEP_BYTES = 8 * 1024;
const STOP_GRACE_MS = 10_000;

export function anvilBinaryPath(): string {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve("@foundry-rs/anvil-linux-amd64/package.json");
  return path.join(path.dirname(pkgJson), "bin", "anvil");
}

export { findFreePort } from "../support/free-port";

// One process-wide 'exit' hook for all live nodes (one listener per node would trip Node's
// MaxListeners warning in test files that start many). 'exit' handlers must be synchronous, so
// we can only send the signal; SIGTERM (not SIGKILL) so a --state node still dumps its state.
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  liveChildren.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const c of liveChildren) c.kill("SIGTERM");
    });
  }
}

class AnvilExitedError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

export async function startAnvil(opts: StartAnvilOptions = {}): Promise<AnvilInstance> {
  // The free-port probe is racy (someone may grab the port between our probe and anvil's bind,
  // e.g. parallel test workers), so retry a few times when we picked the port ourselves.
  const attempts = opts.port === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePortImpl());
    try {
      return await startOnPort(port, opts);
    } catch (err) {
      const portTaken = err instanceof AnvilExitedError && /address already in use/i.test(err.stderr);
      if (!portTaken || attempt >= attempts) throw err;
    }
  }
}

async function startOnPort(port: number, opts: StartAnvilOptions): Promise<AnvilInstance> {
  const quiet = opts.quiet ?? true;
  // No --silent: we need anvil's "Listening on host:port" line (see below), which --silent and
  // --quiet suppress. In quiet mode its stdout is read and discarded instead.
  const args = ["--host", "127.0.0.1", "--port", String(port), "--chain-id", String(ANVIL_CHAIN_ID)];
  if (opts.blockTime !== undefined) args.push("--block-time", String(opts.blockTime));
  if (opts.stateFile !== undefined) args.push("--state", opts.stateFile);

  const [command, commandArgs] = withParentDeathSignal(anvilBinaryPath(), args);
  // Whether or not detached, the parent-death signal (or the 'exit' hook) keeps it from outliving us.
  const child = spawn(command, commandArgs, { stdio: ["ignore", "pipe", "pipe"], detached: opts.detached ?? false });
  track(child);

  // Keep the tail of stderr for error messages (anvil reports bind failures etc. there).
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP_BYTES);
    if (!quiet) process.stderr.write(chunk);
  });

  // Readiness = anvil printed that *it* bound our port. Polling the RPC alone is not enough: if
  // the port is already taken by another anvil, that one answers eth_chainId while ours is still
  // failing to bind, and we'd hand out someone else's node. stdout must be drained for the
  // child's whole life either way, or anvil blocks once the pipe buffer fills.
  const marker = `Listening on 127.0.0.1:${port}`;
  let stdoutTail = "";
  let markerSeen = false;
  let onListening: () => void = () => {};
  const listening = new Promise<void>((resolve) => (onListening = resolve));
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    if (!quiet) process.stdout.write(chunk);
    if (markerSeen) return;
    stdoutTail = (stdoutTail + chunk).slice(-1024);
    if (stdoutTail.includes(marker)) {
      markerSeen = true;
      onListening();
    }
  });

  // 'close' rather than 'exit': it fires after stderr is drained, so error messages are complete.
  let exited = false;
  const exitPromise = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("close", (code, signal) => {
      exited = true;
      liveChildren.delete(child);
      resolve({ code, signal });
    });
  });
  // Spawn failures (e.g. ENOENT) arrive as 'error', possibly without 'close'. Kept attached for
  // the child's lifetime: an 'error' with no listener (e.g. a failed kill) would crash the process.
  const spawnError = new Promise<Error>((resolve) => child.on("error", resolve));

  const stop = async (): Promise<void> => {
    if (exited || child.pid === undefined) return;
    child.kill("SIGTERM");
    const killTimer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    try {
      await exitPromise;
    } finally {
      clearTimeout(killTimer);
    }
  };

  const rpcUrl = `http://127.0.0.1:${port}`;
  const timeoutMs = opts.startTimeoutMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  try {
    // Promise.race subscribes to every branch, so the losers settling later is not an unhandled
    // rejection.
    const chainId = await Promise.race([
      listening.then(() => waitForChainId(rpcUrl, deadline, () => exited)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => {
            const stage = markerSeen ? "listening, but eth_chainId got no answer" : "it never reported listening";
            reject(new Error(`anvil at ${rpcUrl} not ready within ${timeoutMs} ms (${stage})`));
          },
          timeoutMs,
        );
      }),
      exitPromise.then(({ code, signal }) => {
        throw new AnvilExitedError(
          `anvil exited during startup (code ${code}, signal ${signal}): ${stderr.trim() || "(no stderr)"}`,
          stderr,
        );
      }),
      spawnError.then((e) => {
        throw new Error(`could not start anvil (${anvilBinaryPath()}): ${e.message}`);
      }),
    ]);
    if (chainId !== ANVIL_CHAIN_ID) throw new Error(`anvil reports chain id ${chainId}, expected ${ANVIL_CHAIN_ID}`);
    const accounts = (await rpc<string[]>(rpcUrl, "eth_accounts", [])).map((a) => a.toLowerCase() as Address);
    return { rpcUrl, port, chainId, accounts, pid: child.pid ?? -1, stop };
  } catch (err) {
    await stop();
    if (err instanceof AnvilExitedError) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(`${msg}${stderr.trim() ? `\nanvil stderr: ${stderr.trim()}` : ""}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

/** Polls eth_chainId until the node answers (normally at once: it already reported listening). */
async function waitForChainId(rpcUrl: string, deadline: number, gaveUp: () => boolean): Promise<number> {
  let lastError: unknown;
  while (Date.now() < deadline && !gaveUp()) {
    try {
      return Number(await rpc<string>(rpcUrl, "eth_chainId", [], 1_000));
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`anvil at ${rpcUrl} did not answer eth_chainId in time (last error: ${reason})`);
}

/** Minimal JSON-RPC call; used before viem clients exist and to keep this file viem-free at runtime. */
export async function rpc<T>(rpcUrl: string, method: string, params: unknown[], timeoutMs = 5_000): Promise<T> {
  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}
