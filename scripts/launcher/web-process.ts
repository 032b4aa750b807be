// The launcher's web server (server/serve.ts: Next, and in single-process mode the worker loops)
// as a child in a process group of its own: a Ctrl-C in the terminal then reaches the launcher
// alone, which stops the web server first and the database it uses afterwards (stopped the other
// way round, the server's last queries fail and it logs warnings and errors). The kernel's
// parent-death signal stops it should the launcher itself be killed.
import { spawn } from "node:child_process";
import { withParentDeathSignal } from "../support/parent-death-signal";

/** Longer than serve.ts's own grace for requests in flight (20 s with --prod). */
const STOP_GRACE_MS = 25_000;

export interface WebExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface WebProcess {
  /** Resolves when the server process exits, for whatever reason. */
  exited: Promise<WebExit>;
  /** SIGTERM and wait (SIGKILL after the grace); then anything it left in its group is killed. */
  stop(): Promise<void>;
  /** SIGKILL to the whole group at once: the forced stop. */
  kill(): void;
}

export function startWebProcess(args: string[], env: NodeJS.ProcessEnv): WebProcess {
  const [command, commandArgs] = withParentDeathSignal(process.execPath, args);
  const child = spawn(command, commandArgs, { env, stdio: ["ignore", "inherit", "inherit"], detached: true });
  const exited = new Promise<WebExit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    // A spawn failure arrives as 'error' without 'exit'; unheard, it would crash the launcher.
    child.once("error", (err) => {
      console.error(`could not start the web server: ${err.message}`);
      resolve({ code: null, signal: null });
    });
  });
  // detached: the child leads a new group, whose id is its pid.
  const killGroup = () => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // ESRCH: the group is empty, nothing was left behind.
    }
  };
  let stopping: Promise<void> | undefined;
  return {
    exited,
    kill: killGroup,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        const force = setTimeout(killGroup, STOP_GRACE_MS);
        await exited;
        clearTimeout(force);
        // Helpers Next may have started (bundler workers) must not outlive it.
        killGroup();
      })();
      return stopping;
    },
  };
}
