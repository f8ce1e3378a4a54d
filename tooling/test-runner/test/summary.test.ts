import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatSummary, latestTurboRun, summarizeRun, vitestReportPath } from "../src/summary";

const root = mkdtempSync(path.join(tmpdir(), "revolv-summary-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeJson(file: string, value: unknown) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value));
}

const task = (taskId: string, directory: string, exitCode: number, seconds: number) => ({
  taskId,
  directory,
  execution: { startTime: 1_000, endTime: 1_000 + seconds * 1000, exitCode },
});

const report = (passed: string[], failed: string[], skipped = 0) => ({
  numPassedTests: passed.length,
  numFailedTests: failed.length,
  numPendingTests: skipped,
  numTodoTests: 0,
  testResults: [
    {
      name: path.join(root, "packages/db/test/pglite.test.ts"),
      assertionResults: [
        ...passed.map((fullName) => ({ fullName, status: "passed" })),
        ...failed.map((fullName) => ({ fullName, status: "failed" })),
      ],
    },
  ],
});

describe("the summary of a test run", () => {
  writeJson(path.join(root, ".turbo/runs/run.json"), {
    tasks: [
      task("@revolv/db#test", "packages/db", 1, 42),
      task("@revolv/db#typecheck", "packages/db", 0, 5),
      task("@revolv/queue#test", "packages/queue", 0, 12),
      task("@revolv/api#typecheck", "packages/api", 2, 9),
      task("@revolv/web#test", "apps/web", 1, 30),
    ],
  });
  writeJson(path.join(root, "packages/db", vitestReportPath), report(["opens"], ["migrates twice"], 1));
  writeJson(path.join(root, "packages/queue", vitestReportPath), report(["sends", "receives"], []));
  // apps/web's runner crashed before it wrote a report.

  const summary = summarizeRun(root, path.join(root, ".turbo/runs/run.json"));

  it("counts every package's tests and names each failed test with its package and file", () => {
    expect(summary).toMatchObject({ passed: 3, failed: 1, skipped: 1 });
    expect(summary.failedTests).toEqual(["@revolv/db › test/pglite.test.ts › migrates twice"]);
  });

  it("names failed tasks that have no failed test to show (typecheck, a crashed runner)", () => {
    expect(summary.failedTasks).toEqual(["@revolv/api#typecheck", "@revolv/web#test"]);
  });

  it("ends with a closing count that includes those tasks, slowest tasks first", () => {
    const text = formatSummary(summary, 75);
    expect(text.split("\n").at(-1)).toBe("Tests: 3 passed, 3 failed, 1 skipped");
    expect(text).toContain("wall time: 75 s, 5 tasks");
    expect(text.indexOf("@revolv/db#test")).toBeLessThan(text.indexOf("@revolv/queue#test"));
  });

  it("reads only a turbo run written since the run began", () => {
    expect(latestTurboRun(root)).toBe(path.join(root, ".turbo/runs/run.json"));
    expect(latestTurboRun(root, Date.now() + 60_000)).toBeUndefined();
  });
});
