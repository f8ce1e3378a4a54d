import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { blocksOfType, namedBlocks, type TerraformDirectory, type TerraformTree } from "./load";

const run = promisify(execFile);

export interface CommandResult {
  ok: boolean;
  output: string;
}

/** The `terraform` binary on PATH, or undefined (then the CLI checks are skipped, with why). */
export async function findTerraform(): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "terraform");
    try {
      await run(candidate, ["version"], { timeout: 30_000 });
      return candidate;
    } catch {}
  }
  return undefined;
}

/**
 * Runs terraform with no colour, no update check and a CLI configuration of its own (a
 * shared provider cache), so a test never writes into the user's ~/.terraform.d.
 */
export class TerraformCli {
  private readonly home = mkdtempSync(path.join(tmpdir(), "revolv-terraform-"));
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly binary: string) {
    const pluginCache = path.join(this.home, "plugin-cache");
    mkdirSync(pluginCache);
    const cliConfig = path.join(this.home, "terraformrc");
    writeFileSync(cliConfig, `plugin_cache_dir = ${JSON.stringify(pluginCache)}\n`);
    this.env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
    };
  }

  async run(args: string[], cwd: string): Promise<CommandResult> {
    try {
      const { stdout, stderr } = await run(this.binary, [...args, "-no-color"], {
        cwd,
        env: this.env,
        timeout: 300_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      return { ok: true, output: stdout + stderr };
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; message: string };
      return { ok: false, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` || failed.message };
    }
  }

  /** `terraform fmt -check -recursive`: the files it names are not formatted. */
  fmtCheck(dir: string): Promise<CommandResult> {
    return this.run(["fmt", "-check", "-recursive", "-list=true"], dir);
  }

  /**
   * `init` then `validate` (and `test` where the module has tests) in a scratch copy of the
   * tree, so `.terraform` folders never land in the repository.
   */
  async validate(tree: TerraformTree, directory: TerraformDirectory): Promise<CommandResult> {
    const scratch = mkdtempSync(path.join(this.home, "tree-"));
    cpSync(tree.root, scratch, {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}.terraform`),
    });
    const cwd = path.join(scratch, directory.name);
    const steps: string[][] = [["init", "-backend=false"], ["validate"]];
    if (directory.testFiles.length > 0) steps.push(["test"]);
    let output = "";
    for (const step of steps) {
      const result = await this.run(step, cwd);
      output += `$ terraform ${step.join(" ")}\n${result.output}\n`;
      if (!result.ok) return { ok: false, output };
    }
    return { ok: true, output };
  }

  dispose(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

/**
 * The providers a module needs, its own and its child modules': a module with none can be
 * initialised and validated offline.
 */
export function providersNeeded(
  tree: TerraformTree,
  directory: TerraformDirectory,
  seen = new Set<string>(),
): Set<string> {
  const providers = new Set<string>();
  if (seen.has(directory.dir)) return providers;
  seen.add(directory.dir);
  for (const kind of ["resource", "data"] as const) {
    const blocks = directory.config[kind];
    if (blocks && typeof blocks === "object")
      for (const type of Object.keys(blocks))
        if (blocksOfType(directory.config, kind, type).size > 0) providers.add(type.split("_")[0] ?? type);
  }
  for (const [, call] of namedBlocks(directory.config, "module")) {
    if (typeof call.source !== "string") continue;
    const child = tree.directories.find(
      (candidate) => candidate.dir === path.resolve(directory.dir, call.source as string),
    );
    if (child) for (const provider of providersNeeded(tree, child, seen)) providers.add(provider);
  }
  return providers;
}

/** Terraform's own words for "the provider registry cannot be reached". */
export function isRegistryUnreachable(output: string): boolean {
  return /could not connect to registry|failed to request discovery document|no such host|Failed to query available provider packages/i.test(
    output,
  );
}
