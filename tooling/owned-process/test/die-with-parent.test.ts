import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { childrenDieWithParent, isAlive } from "../src/index";
import { startOwner, waitUntilGone } from "../src/testing";

const parentScript = path.join(import.meta.dirname, "fixtures", "parent.ts");

const parents: ChildProcess[] = [];
afterEach(() => {
  for (const parent of parents.splice(0)) parent.kill("SIGKILL");
});

describe.runIf(childrenDieWithParent)("a child spawned with spawnOwned", () => {
  for (const signal of ["SIGKILL", "SIGINT", "SIGTERM"] as const) {
    it(`is gone once its parent dies of ${signal}`, async () => {
      const { parent, childPid } = await startOwner(parentScript);
      parents.push(parent);
      expect(isAlive(childPid)).toBe(true);
      parent.kill(signal);
      await waitUntilGone(childPid, "the child");
    });
  }
});

describe("isAlive", () => {
  it("tells a running process from a finished one", () => {
    expect(isAlive(process.pid)).toBe(true);
    expect(isAlive(2 ** 22 + 1)).toBe(false);
  });
});
