/**
 * One account of a whole `pnpm test` run, read from what the tools already write: turbo's run
 * summary (`--summarize`: every task and its exit code) and each package's Vitest JSON report
 * (every test and its status). Turbo's own tail names failed tasks only; this names the tests.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The part of turbo's `.turbo/runs/<id>.json` this reads. */
interface TurboRun {
  tasks: {
    taskId: string;
    directory?: string;
    execution?: { startTime: number; endTime: number; exitCode: number | null };
  }[];
}

/** The part of Vitest's JSON reporter output this reads. */
interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
}

export interface TaskOutcome {
  taskId: string;
  seconds: number;
  exitCode: number | null;
}

export interface RunSummary {
  tasks: TaskOutcome[];
  passed: number;
  failed: number;
  skipped: number;
  /** `package › file › test name` of every failed test. */
  failedTests: string[];
  /** Failed tasks with no failed test to show for it (lint, typecheck, a crashed runner). */
  failedTasks: string[];
}

/** Relative path of the JSON report every package's Vitest writes (see tooling/vitest). */
export const vitestReportPath = path.join(".test-results", "vitest.json");

/** The newest turbo run summary under `root` written since `sinceMs`, if turbo wrote one. */
export function latestTurboRun(root: string, sinceMs = 0): string | undefined {
  const dir = path.join(root, ".turbo", "runs");
  if (!existsSync(dir)) return undefined;
  const runs = readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).mtimeMs >= sinceMs);
  return runs.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

export function summarizeRun(root: string, turboRunFile: string): RunSummary {
  const run = JSON.parse(readFileSync(turboRunFile, "utf8")) as TurboRun;
  const summary: RunSummary = {
    tasks: [],
    passed: 0,
    failed: 0,
    skipped: 0,
    failedTests: [],
    failedTasks: [],
  };
  for (const task of run.tasks) {
    const execution = task.execution;
    summary.tasks.push({
      taskId: task.taskId,
      seconds: execution ? (execution.endTime - execution.startTime) / 1000 : 0,
      exitCode: execution?.exitCode ?? null,
    });
    const failedTask = execution?.exitCode !== 0;
    const reportFile =
      task.taskId.endsWith("#test") && task.directory !== undefined
        ? path.join(root, task.directory, vitestReportPath)
        : undefined;
    const report =
      reportFile && existsSync(reportFile)
        ? (JSON.parse(readFileSync(reportFile, "utf8")) as VitestReport)
        : undefined;
    if (report) {
      summary.passed += report.numPassedTests;
      summary.failed += report.numFailedTests;
      summary.skipped += report.numPendingTests + report.numTodoTests;
      const packageName = task.taskId.split("#")[0];
      const base = path.join(root, task.directory ?? "");
      for (const file of report.testResults)
        for (const test of file.assertionResults)
          if (test.status === "failed")
            summary.failedTests.push(`${packageName} › ${path.relative(base, file.name)} › ${test.fullName}`);
    }
    // A failed task whose tests all passed (or that wrote no report) still failed: say which.
    if (failedTask && !(report && report.numFailedTests > 0)) summary.failedTasks.push(task.taskId);
  }
  summary.tasks.sort((a, b) => b.seconds - a.seconds);
  return summary;
}

/** The summary as printed at the end of `pnpm test`; the last line is the closing count. */
export function formatSummary(summary: RunSummary, wallSeconds: number): string {
  const lines = ["", "== test summary", "slowest tasks:"];
  for (const task of summary.tasks.slice(0, 8))
    lines.push(
      `  ${task.seconds.toFixed(1).padStart(7)} s  ${task.taskId}${task.exitCode === 0 ? "" : "  (failed)"}`,
    );
  if (summary.failedTasks.length > 0) {
    lines.push("failed tasks:");
    for (const task of summary.failedTasks) lines.push(`  ✗ ${task}`);
  }
  if (summary.failedTests.length > 0) {
    lines.push("failed tests:");
    for (const test of summary.failedTests) lines.push(`  ✗ ${test}`);
  }
  lines.push(`wall time: ${wallSeconds.toFixed(0)} s, ${summary.tasks.length} tasks`);
  // Failed tasks without failed tests (lint, typecheck) count as failures in the closing line.
  const failed = summary.failed + summary.failedTasks.length;
  lines.push(`Tests: ${summary.passed} passed, ${failed} failed, ${summary.skipped} skipped`);
  return lines.join("\n");
}
