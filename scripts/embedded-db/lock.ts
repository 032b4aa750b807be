// Ownership files in the embedded database's data dir. `.lock` (our pid) matters most: PGlite
// takes no lock itself, and two processes writing one data dir corrupt it. `server.json` only
// advertises the port of the running server.
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";

/** Exit status of server.ts when another live process owns the data dir. */
export const EXIT_LOCK_HELD = 3;

export class LockHeldError extends Error {
  constructor(
    readonly lockFile: string,
    readonly ownerPid: number,
  ) {
    super(
      `${lockFile} is held by running process ${ownerPid}: another JoPay embedded database ` +
        `already owns this data dir. Stop it first (or, if pid ${ownerPid} is not a JoPay ` +
        `database, delete the lock file).`,
    );
    this.name = "LockHeldError";
  }
}

export function lockPath(dataDir: string): string {
  return join(dataDir, ".lock");
}

/** Creates `<dataDir>/.lock` holding our pid; takes over a lock whose owner is gone. */
export function acquireLock(dataDir: string): void {
  const file = lockPath(dataDir);
  // A few rounds only matter when several processes race for the same stale lock.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return;
    } catch (err) {
      if (!isErrno(err, "EEXIST")) throw err;
    }
    const owner = readOwner(file);
    if (owner !== undefined && isLiveOwner(owner)) throw new LockHeldError(file, owner);
    // Stale (owner crashed or was SIGKILLed). Two processes taking over the same stale lock at
    // the same instant can still both win; that needs two launches within microseconds.
    rmSync(file, { force: true });
  }
  throw new Error(`could not take ${file}: it keeps being recreated by other processes`);
}

/** Removes the lock only if it is still ours, so a late shutdown cannot free a successor's. */
export function releaseLock(dataDir: string): void {
  const file = lockPath(dataDir);
  if (readOwner(file) === process.pid) rmSync(file, { force: true });
}

/** `<dataDir>/server.json`: how other processes (CLI, scripts) find a running server's port. */
export function serverInfoPath(dataDir: string): string {
  return join(dataDir, "server.json");
}

export function writeServerInfo(dataDir: string, port: number): void {
  const file = serverInfoPath(dataDir);
  // Write then rename, so a reader never sees a half-written file.
  writeFileSync(`${file}.${process.pid}.tmp`, `${JSON.stringify({ pid: process.pid, port })}\n`);
  renameSync(`${file}.${process.pid}.tmp`, file);
}

export function removeServerInfo(dataDir: string): void {
  const file = serverInfoPath(dataDir);
  try {
    const info: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (typeof info === "object" && info !== null && "pid" in info && info.pid === process.pid) {
      rmSync(file, { force: true });
    }
  } catch {
    // Missing or unreadable: nothing of ours to remove.
  }
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (err) {
    if (isErrno(err, "ENOENT")) return undefined;
    throw err;
  }
}

function isLiveOwner(pid: number): boolean {
  // Containers restart with the same small pids, so a stale lock may name our own pid.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to another user — still alive.
    return isErrno(err, "EPERM");
  }
  return !isUnrelatedLinuxProcess(pid);
}

// A recycled pid would otherwise lock the data dir forever. /proc only exists on Linux; elsewhere
// we trust kill(0) and the error message tells the user how to recover.
function isUnrelatedLinuxProcess(pid: number): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return !cmdline.includes("embedded-db");
  } catch {
    return false;
  }
}

function isErrno(err: unknown, code: string): boolean {
  return err instanceof Error && "code" in err && err.code === code;
}
