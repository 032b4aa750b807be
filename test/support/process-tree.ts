// What a process started, read from Linux's /proc: to check that stopping it left nothing running.
// A process is named by pid and start time together, so a pid the kernel hands out again later is
// not mistaken for the one we saw.
import { readdirSync, readFileSync } from "node:fs";

export interface ProcessId {
  pid: number;
  /** Start time in clock ticks since boot (/proc/<pid>/stat field 22). */
  startTime: string;
  /** The command line, for failure messages. */
  command: string;
}

interface Stat {
  state: string;
  ppid: number;
  startTime: string;
}

function stat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0], ppid: Number(fields[1]), startTime: fields[19] };
  } catch {
    return null; // gone
  }
}

function command(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
  } catch {
    return "";
  }
}

/** Every live descendant of `root` (children, their children, …), not `root` itself. */
export function descendants(root: number): ProcessId[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (!s) continue;
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(name)]);
  }
  const found: ProcessId[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    const s = stat(pid);
    if (!s) continue;
    found.push({ pid, startTime: s.startTime, command: command(pid) });
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Still running: the same process (pid and start time) exists and is not a zombie. */
export function isRunning(p: ProcessId): boolean {
  const s = stat(p.pid);
  return s !== null && s.startTime === p.startTime && s.state !== "Z" && s.state !== "X";
}
