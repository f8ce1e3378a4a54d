import { spawn } from "node:child_process";
import { realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { formatStillRunning, processesInGroup } from "../src/still-running";

describe("the account of what still runs when a run is interrupted", () => {
  let group: number | undefined;
  afterEach(() => {
    if (group) process.kill(-group, "SIGKILL");
    group = undefined;
  });

  it("lists the processes of the group with where they run, and none of another group", async () => {
    const cwd = realpathSync(tmpdir());
    const leader = spawn("bash", ["-c", "sleep 30 & wait"], { cwd, detached: true, stdio: "ignore" });
    group = leader.pid as number;
    await new Promise((resolve) => setTimeout(resolve, 300));

    const found = processesInGroup(group);
    expect(found.map((proc) => proc.command)).toEqual(
      expect.arrayContaining(["bash -c sleep 30 & wait", "sleep 30"]),
    );
    expect(found.every((proc) => proc.cwd === cwd)).toBe(true);
    expect(found.some((proc) => proc.pid === process.pid)).toBe(false);
    expect(formatStillRunning(found, cwd)).toMatch(/s {2}\. {2}sleep 30/);
  });

  it("says so when nothing is left", () => {
    expect(processesInGroup(2 ** 22 + 7)).toEqual([]);
    expect(formatStillRunning([], "/")).toContain("(nothing)");
  });
});
