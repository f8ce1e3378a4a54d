/**
 * What a test needs to prove that a child dies with its parent: start a parent script that
 * prints `child <pid> up` once it owns its child, kill that parent, wait for the child to go.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { isAlive } from "./index";

export interface Owner {
  parent: ChildProcess;
  childPid: number;
}

/** Runs `script` (TypeScript, through tsx) and resolves once it printed its child's pid. */
export async function startOwner(script: string, args: string[] = []): Promise<Owner> {
  const parent = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  parent.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const childPid = await new Promise<number>((resolve, reject) => {
    parent.stdout?.on("data", (chunk) => {
      output += chunk;
      const match = /child (\d+) up/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    parent.once("exit", (code, signal) =>
      reject(new Error(`parent exited (${code ?? signal}) before its child was up:\n${output}`)),
    );
  });
  return { parent, childPid };
}

/** Resolves once `pid` is gone; fails naming `what` if it still runs after the deadline. */
export async function waitUntilGone(pid: number, what: string, deadlineMs = 15_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline)
      throw new Error(`${what} (pid ${pid}) still runs ${deadlineMs} ms after its parent died`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
