/**
 * What was still running when a run is interrupted: every process of turbo's group, oldest
 * first, with how long it has run and where. CI shows only the tail of a log, and a run killed
 * at its time limit writes no turbo summary, so this is the one account of which task hung.
 */
import { execFileSync } from "node:child_process";
import { readlinkSync } from "node:fs";
import path from "node:path";

export interface GroupProcess {
  pid: number;
  seconds: number;
  cwd: string;
  command: string;
}

export function processesInGroup(group: number): GroupProcess[] {
  let table: string;
  try {
    table = execFileSync("ps", ["-eo", "pgid=,pid=,etimes=,args="], { encoding: "utf8" });
  } catch {
    return [];
  }
  const found: GroupProcess[] = [];
  for (const line of table.split("\n")) {
    const match = line.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/);
    if (!match || Number(match[1]) !== group) continue;
    const pid = Number(match[2]);
    let cwd = "?";
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      // gone meanwhile, or not ours to read
    }
    found.push({ pid, seconds: Number(match[3]), cwd, command: match[4] ?? "" });
  }
  return found.sort((a, b) => b.seconds - a.seconds);
}

export function formatStillRunning(processes: GroupProcess[], root: string): string {
  const lines = ["== still running when interrupted (oldest first):"];
  for (const proc of processes)
    lines.push(
      `  ${String(proc.seconds).padStart(6)} s  ${path.relative(root, proc.cwd) || "."}  ${proc.command.slice(0, 160)}`,
    );
  if (processes.length === 0) lines.push("  (nothing)");
  return lines.join("\n");
}
