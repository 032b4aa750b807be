// A child that must not outlive us, however we die: 'exit' hooks do not run when we die from a
// signal (that is how Vitest ends its fork workers, which leaked anvils in practice, and how a
// force-killed launcher goes). util-linux `setpriv --pdeathsig` makes the kernel send the child
// SIGTERM when we die, so it still stops gracefully (anvil dumps its state, the web server closes
// Next); setpriv execs the binary, so the pid is the child's own. Without setpriv (non-Debian
// images) callers fall back to what they had: an 'exit' hook, an IPC channel.
import { existsSync } from "node:fs";

/** The command and arguments that run `binary args` with a parent-death SIGTERM, when possible. */
export function withParentDeathSignal(binary: string, args: string[]): [string, string[]] {
  const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => existsSync(p));
  return setpriv ? [setpriv, ["--pdeathsig", "TERM", "--", binary, ...args]] : [binary, args];
}
