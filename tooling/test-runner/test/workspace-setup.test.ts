/**
 * The set-up a new user goes through: `npm install -g pnpm` (today pnpm 12) or the pinned pnpm,
 * then `pnpm install`, `pnpm build`, `pnpm test`. pnpm 11 and later read `allowBuilds` where
 * pnpm 10 reads its two lists, and refuse to install when a dependency's build script has no
 * decision; a pin they cannot switch to must not stop them. Verified by hand with pnpm 12.21.0.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = path.resolve(import.meta.dirname, "../../..");
const workspace = parse(readFileSync(path.join(root, "pnpm-workspace.yaml"), "utf8")) as {
  onlyBuiltDependencies?: string[];
  ignoredBuiltDependencies?: string[];
  allowBuilds?: Record<string, boolean>;
  pmOnFail?: string;
};

function manifests(): { file: string; scripts: Record<string, string> }[] {
  const files = [path.join(root, "package.json")];
  for (const group of ["apps", "packages", "tooling"])
    for (const name of readdirSync(path.join(root, group)))
      files.push(path.join(root, group, name, "package.json"));
  return files.flatMap((file) => {
    try {
      return [{ file, scripts: JSON.parse(readFileSync(file, "utf8")).scripts ?? {} }];
    } catch {
      return [];
    }
  });
}

describe("the workspace installs with the pinned pnpm and with the newest", () => {
  it("gives pnpm 11+ the same build-script decisions as pnpm 10's lists", () => {
    const allowed = Object.entries(workspace.allowBuilds ?? {});
    expect(
      allowed
        .filter(([, run]) => run)
        .map(([name]) => name)
        .sort(),
    ).toEqual([...(workspace.onlyBuiltDependencies ?? [])].sort());
    expect(
      allowed
        .filter(([, run]) => !run)
        .map(([name]) => name)
        .sort(),
    ).toEqual([...(workspace.ignoredBuiltDependencies ?? [])].sort());
  });

  it("lets a newer pnpm run instead of failing to switch to the pinned one", () => {
    expect(["warn", "ignore"]).toContain(workspace.pmOnFail);
  });
});

describe("nothing leaves the machine unless the operator opts in", () => {
  it("runs every next build and turbo command with usage telemetry off", () => {
    const offenders: string[] = [];
    for (const { file, scripts } of manifests())
      for (const [name, command] of Object.entries(scripts)) {
        if (/\bnext build\b/.test(command) && !command.includes("NEXT_TELEMETRY_DISABLED=1"))
          offenders.push(`${path.relative(root, file)} ${name}`);
        if (/\bturbo run\b/.test(command) && !command.includes("TURBO_TELEMETRY_DISABLED=1"))
          offenders.push(`${path.relative(root, file)} ${name}`);
      }
    expect(offenders).toEqual([]);
  });
});
