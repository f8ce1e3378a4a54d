/**
 * Child processes that cannot outlive the process that started them.
 *
 * A test or benchmark that starts a server (PostgreSQL, the ingest worker, a web server) stops
 * it in its own teardown, but a teardown never runs when the runner is killed, times out, or is
 * interrupted between two hooks. On Linux the kernel can do what a teardown cannot: `setpriv
 * --pdeathsig` (util-linux, on every Debian) asks it to signal the child the moment its parent
 * dies, however the parent died, even by SIGKILL. setpriv then execs the command itself, so
 * the pid the caller holds is the real process, not a wrapper. The tie holds from the moment
 * setpriv has set it, just before it execs: a parent killed in the instant after `spawn` returns
 * can still leave the child behind.
 */
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { userInfo } from "node:os";

const setprivPath = ["/usr/bin/setpriv", "/bin/setpriv"].find((candidate) => existsSync(candidate));

export interface OwnedSpawnOptions extends SpawnOptions {
  /** Sent to the child when this process dies; the default kills it outright. */
  deathSignal?: NodeJS.Signals;
  /**
   * Run as this system user (only as root): PostgreSQL refuses to run as root. setpriv changes
   * the user before it sets the death signal, so the kernel keeps it.
   */
  user?: string;
}

/** Whether children are tied to this process's life here (Linux with util-linux's setpriv). */
export const childrenDieWithParent = process.platform === "linux" && setprivPath !== undefined;

/**
 * `spawn`, but the child is signalled when this process dies. Where setpriv is missing the child
 * is spawned plainly (and as another user through `runuser`), so a developer's machine without
 * util-linux still runs the suite, relying on the caller's own teardown.
 */
export function spawnOwned(
  command: string,
  args: readonly string[],
  options: OwnedSpawnOptions = {},
): ChildProcess {
  const { deathSignal = "SIGKILL", user, ...spawnOptions } = options;
  const switchUser = user !== undefined && user !== userInfo().username;
  if (!setprivPath || process.platform !== "linux") {
    return switchUser
      ? spawn("runuser", ["-u", user, "--", command, ...args], spawnOptions)
      : spawn(command, args, spawnOptions);
  }
  const identity = switchUser ? [`--reuid=${user}`, `--regid=${user}`, "--init-groups"] : [];
  return spawn(
    setprivPath,
    [...identity, `--pdeathsig=${deathSignal}`, "--", command, ...args],
    spawnOptions,
  );
}

/** Whether a process with this pid still exists (a zombie counts as gone once reaped). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
