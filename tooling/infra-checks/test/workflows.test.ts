import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionlint } from "../src/workflows/actionlint";
import { runScripts } from "../src/workflows/run-scripts";
import { findShellcheck, shellcheck } from "../src/workflows/shellcheck";
import { repoRoot } from "./support/terraform-copy";

const workflowsDir = path.join(repoRoot, ".github/workflows");
const scriptsDir = path.join(repoRoot, ".github/scripts");
const workflows = readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file));
const scriptFiles = [
  ...readdirSync(scriptsDir)
    .filter((file) => file.endsWith(".sh"))
    .map((file) => path.join(scriptsDir, file)),
  path.join(repoRoot, ".ci/run"),
];

function read(file: string): string {
  return readFileSync(file, "utf8");
}

/** `text` with `from` replaced, failing loudly when the fixture no longer applies. */
function withDefect(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture is stale: ${JSON.stringify(from)} not found`);
  return text.replace(from, to);
}

describe("GitHub workflows pass actionlint", () => {
  it("has the CI and deploy workflows", () => {
    expect(workflows).toEqual(expect.arrayContaining(["ci.yml", "deploy.yml"]));
  });

  for (const workflow of workflows)
    it(`${workflow} has no findings`, async () => {
      expect(await actionlint(workflow, read(path.join(workflowsDir, workflow)))).toEqual([]);
    });

  it("fails a workflow that reads an undefined context", async () => {
    const broken = withDefect(
      read(path.join(workflowsDir, "deploy.yml")),
      "${{ vars.ECS_CLUSTER }}",
      "${{ var.ECS_CLUSTER }}",
    );
    expect((await actionlint("deploy.yml", broken)).join("\n")).toContain('undefined variable "var"');
  });

  it("fails a step that uses an output of a step that does not exist", async () => {
    const broken = withDefect(
      read(path.join(workflowsDir, "deploy.yml")),
      "steps.register.outputs.migrate",
      "steps.registered.outputs.migrate",
    );
    expect((await actionlint("deploy.yml", broken)).join("\n")).toContain(
      'property "registered" is not defined',
    );
  });
});

// shellcheck is Debian's (.ci/run installs it). Outside CI a machine without it skips these
// checks and says so; in CI its absence is a failure.
const shellcheckBinary = await findShellcheck();
if (!shellcheckBinary && !process.env.CI)
  console.log("shellcheck checks skipped: shellcheck is not installed");

describe.skipIf(!shellcheckBinary && !process.env.CI)("shell scripts pass shellcheck", () => {
  it("is installed", () => expect(shellcheckBinary).toBe("shellcheck"));

  for (const workflow of workflows)
    it(`every run: step of ${workflow}`, async () => {
      const findings: string[] = [];
      for (const step of runScripts(read(path.join(workflowsDir, workflow))))
        for (const finding of await shellcheck(step.script, { shell: step.shell }))
          findings.push(`${step.label}: ${finding}`);
      expect(findings).toEqual([]);
    });

  for (const file of scriptFiles)
    it(path.relative(repoRoot, file), async () => {
      expect(await shellcheck(read(file))).toEqual([]);
    });

  it("fails a run: step that leaves a variable unquoted", async () => {
    const broken = withDefect(
      read(path.join(workflowsDir, "deploy.yml")),
      '.github/scripts/roll-back.sh "$CLUSTER"',
      ".github/scripts/roll-back.sh $CLUSTER",
    );
    const step = runScripts(broken).find((candidate) => candidate.label.includes("Roll back"));
    expect((await shellcheck(step?.script ?? "")).join("\n")).toContain("SC2086");
  });

  it("fails a script that leaves a variable unquoted", async () => {
    const broken = withDefect(
      read(path.join(scriptsDir, "roll-out.sh")),
      '--task-definition "$task_definition" >/dev/null',
      "--task-definition $task_definition >/dev/null",
    );
    expect((await shellcheck(broken)).join("\n")).toContain("SC2086");
  });
});
