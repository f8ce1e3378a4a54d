import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { spawnOwned } from "@revolv/owned-process";

/** One benchmark role running as its own Node process, as the pipeline would in production. */
export interface RoleProcess<Ready> {
  name: string;
  child: ChildProcess;
  ready: Ready;
  /** Resolves with the next IPC message of this type. */
  next<T>(type: string): Promise<T>;
  /** Calls `handler` with every IPC message of this type. */
  on<T>(type: string, handler: (message: T) => void): void;
  send(message: unknown): void;
  /** Peak resident set (VmHWM) and CPU seconds so far, read from /proc. */
  usage(): ProcessUsage;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the usage read just before. */
  stop(graceMs?: number): Promise<ProcessUsage>;
}

export interface ProcessUsage {
  peakRssMb: number;
  cpuSeconds: number;
}

const clockTicks = 100; // USER_HZ on Linux

export function processUsage(pid: number | undefined): ProcessUsage {
  if (!pid) return { peakRssMb: 0, cpuSeconds: 0 };
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    // Fields 14 and 15 of /proc/pid/stat (after the parenthesised name) are utime and stime.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { peakRssMb: Math.round(hwmKb / 1024), cpuSeconds: Math.round((ticks / clockTicks) * 10) / 10 };
  } catch {
    return { peakRssMb: 0, cpuSeconds: 0 };
  }
}

interface StartRoleOptions {
  /** A file in ./roles, or an absolute path to any entry point. */
  script: string;
  env?: Record<string, string>;
  /** Printed in front of the child's output lines. */
  quiet?: boolean;
  /** Extra Node flags, e.g. `--cpu-prof` to profile one role. */
  nodeFlags?: string[];
}

/** Forks a TypeScript entry point under tsx and waits for its `{ type: "ready" }` message. */
export async function startRole<Ready = Record<string, unknown>>(
  name: string,
  { script, env = {}, quiet = true, nodeFlags = [] }: StartRoleOptions,
): Promise<RoleProcess<Ready>> {
  const file = path.isAbsolute(script) ? script : path.join(import.meta.dirname, "roles", script);
  // Owned: an interrupted benchmark leaves none of its roles running.
  const child = spawnOwned(
    process.execPath,
    // A larger young generation: every part allocates per message, and scavenges dominated GC.
    ["--max-semi-space-size=64", ...nodeFlags, "--import", "tsx", file],
    {
      env: { ...process.env, ...env },
      stdio: ["ignore", quiet ? "pipe" : "inherit", "pipe", "ipc"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n"))
      if (/stopped:/.test(line)) console.log(`[${name}] ${line}`);
  });
  const waiters = new Map<string, ((message: unknown) => void)[]>();
  const listeners = new Map<string, ((message: unknown) => void)[]>();
  child.on("message", (message) => {
    const type = (message as { type?: string }).type ?? "";
    waiters.get(type)?.shift()?.(message);
    for (const listener of listeners.get(type) ?? []) listener(message);
  });
  let exitCode: number | null | undefined;
  child.once("exit", (code) => {
    exitCode = code;
    for (const list of waiters.values()) list.length = 0;
  });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const failed = () => reject(new Error(`${name} exited (${exitCode}) before "${type}":\n${stderr}`));
      if (exitCode !== undefined) return failed();
      const list = waiters.get(type) ?? [];
      list.push((message) => {
        child.off("exit", failed);
        resolve(message as T);
      });
      waiters.set(type, list);
      child.once("exit", failed);
    });
  const ready = await next<Ready>("ready");
  let last: ProcessUsage = { peakRssMb: 0, cpuSeconds: 0 };
  const usage = () => {
    const now = processUsage(child.pid);
    if (now.peakRssMb > 0) last = now;
    return last;
  };
  return {
    name,
    child,
    ready,
    next,
    on(type, handler) {
      const list = listeners.get(type) ?? [];
      list.push(handler as (message: unknown) => void);
      listeners.set(type, list);
    },
    send: (message) => child.send(message as never),
    usage,
    async stop(graceMs = 30_000) {
      const final = usage();
      if (child.exitCode !== null || child.signalCode !== null) return final;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
      return final;
    },
  };
}

// A role outlives nothing: when the benchmark goes away (even killed), its IPC channel closes.
if (process.send) process.once("disconnect", () => process.exit(0));

/** IPC from inside a role. */
export function tell(message: { type: string } & Record<string, unknown>) {
  process.send?.(message);
}

export function onCommand<T extends { type: string }>(handler: (message: T) => void | Promise<void>) {
  process.on("message", (message) => void handler(message as T));
}
