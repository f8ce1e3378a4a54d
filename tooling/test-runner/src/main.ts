/**
 * `pnpm test`: lint, typecheck and every package's tests through turbo, then one summary.
 *
 * - Bounded: turbo runs at most `TEST_CONCURRENCY` tasks at once (2 by default, chosen by
 *   measurement on the two-core machines CI runs on; see the README's development notes) and
 *   each Vitest runs one file at a time (tooling/vitest), so engines never starve each other.
 * - Complete: `--continue=always` runs every package even after a failure, and the summary
 *   names every failed test, not just the first package that failed.
 * - Leaves nothing running: turbo and everything under it run in a process group of their own.
 *   SIGINT or SIGTERM to this process goes to the whole group, a second one (or a group still
 *   alive after the grace period) is answered with SIGKILL, and the group is swept when turbo
 *   ends. Servers the tests start are owned children (tooling/owned-process) and die with the
 *   test process that started them, whichever way it ends. The root `test` script `exec`s this
 *   file: pnpm forwards a signal to its child only, which would otherwise be the shell.
 */
import { spawn } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { formatStillRunning, processesInGroup } from "./still-running";
import { formatSummary, latestTurboRun, summarizeRun, vitestReportPath } from "./summary";

const root = path.resolve(import.meta.dirname, "../../..");
const concurrency = process.env.TEST_CONCURRENCY ?? "2";
const graceMs = 20_000;
const started = Date.now();

// Reports of an earlier run must not be counted in this one.
for (const group of ["apps", "packages", "tooling"])
  for (const name of readdirSync(path.join(root, group)))
    rmSync(path.join(root, group, name, path.dirname(vitestReportPath)), { recursive: true, force: true });

const turbo = spawn(
  path.join(root, "node_modules", ".bin", "turbo"),
  [
    "run",
    "//#lint",
    "typecheck",
    "test",
    "--continue=always",
    `--concurrency=${concurrency}`,
    "--summarize",
    "--output-logs=new-only",
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: "inherit",
    detached: true,
    // Nothing leaves the machine unless the operator opts in (turbo's and Next's usage telemetry).
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1" },
  },
);
const group = turbo.pid as number;

function signalGroup(signal: NodeJS.Signals): boolean {
  try {
    process.kill(-group, signal);
    return true;
  } catch {
    return false; // ESRCH: nobody is left in the group
  }
}

let interrupted: NodeJS.Signals | undefined;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (interrupted) {
      signalGroup("SIGKILL");
      return;
    }
    interrupted = signal;
    console.error(
      `\n== ${signal}: stopping every task (SIGKILL in ${graceMs / 1000} s, or at a second signal)`,
    );
    console.error(formatStillRunning(processesInGroup(group), root));
    signalGroup(signal);
    setTimeout(() => signalGroup("SIGKILL"), graceMs).unref();
  });
}

const exitCode = await new Promise<number>((resolve) =>
  turbo.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))),
);
// Whatever a task left behind in the group goes with the run.
signalGroup("SIGKILL");

const runFile = latestTurboRun(root, started);
const wallSeconds = (Date.now() - started) / 1000;
if (runFile && !interrupted) console.log(formatSummary(summarizeRun(root, runFile), wallSeconds));
else
  console.log(
    `\n== test run ${interrupted ? `interrupted by ${interrupted}` : "ended without a turbo summary"} after ${wallSeconds.toFixed(0)} s`,
  );
process.exit(interrupted ? 130 : exitCode);
