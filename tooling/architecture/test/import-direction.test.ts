import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findImportViolations, importedSpecifiers } from "../src/import-direction";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

/** Writes a small workspace: { "apps/a/package.json": "...", ... } under a temp directory. */
function fixtureWorkspace(files: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), "revolv-architecture-"));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}
const manifest = (name: string, dependencies: Record<string, string> = {}) =>
  JSON.stringify({ name, dependencies });

describe("arrows point one way", () => {
  const fixtures: string[] = [];
  afterAll(() => {
    for (const dir of fixtures) rmSync(dir, { recursive: true, force: true });
  });

  it("hold on the real tree: no app imports another app, no package or tooling imports an app", () => {
    expect(findImportViolations(repoRoot)).toEqual([]);
  });

  it("fail on an app importing another app, by package name, by relative path or by dependency", () => {
    const root = fixtureWorkspace({
      "apps/web/package.json": manifest("@x/web", { "@x/worker": "workspace:*", "@x/lib": "workspace:*" }),
      "apps/web/src/stack.ts":
        'import { startWorker } from "@x/worker/start";\nimport { lib } from "@x/lib";\n',
      "apps/worker/package.json": manifest("@x/worker"),
      "apps/worker/src/start.ts":
        'import { model } from "../../simulator/src/model";\nimport { env } from "./env";\n',
      "apps/worker/src/env.ts": "export const env = {};\n",
      "apps/simulator/package.json": manifest("@x/simulator"),
      "apps/simulator/src/model.ts": "export const model = {};\n",
      "packages/lib/package.json": manifest("@x/lib"),
      "packages/lib/src/index.ts":
        'export const lib = 1;\nexport const later = () => import("@x/simulator");\n',
      "tooling/bench/package.json": manifest("@x/bench"),
      "tooling/bench/src/run.ts": 'const worker = require("../../../apps/worker/src/start");\n',
    });
    fixtures.push(root);
    expect(findImportViolations(root)).toEqual([
      { from: "@x/web", to: "@x/worker", where: "apps/web/package.json" },
      { from: "@x/web", to: "@x/worker", where: 'apps/web/src/stack.ts imports "@x/worker/start"' },
      {
        from: "@x/worker",
        to: "@x/simulator",
        where: 'apps/worker/src/start.ts imports "../../simulator/src/model"',
      },
      { from: "@x/lib", to: "@x/simulator", where: 'packages/lib/src/index.ts imports "@x/simulator"' },
      {
        from: "@x/bench",
        to: "@x/worker",
        where: 'tooling/bench/src/run.ts imports "../../../apps/worker/src/start"',
      },
    ]);
  });

  it("read static and dynamic imports, re-exports and require calls", () => {
    expect(
      importedSpecifiers(
        'import a from "a";\nimport type { B } from "b";\nexport { c } from "c";\nawait import("d");\nrequire("e");\n// import "not-this";\n',
      ),
    ).toEqual(["a", "b", "c", "d", "e"]);
  });
});
