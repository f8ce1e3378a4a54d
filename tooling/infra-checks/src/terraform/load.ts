import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse } from "@cdktn/hcl2json";

/** hcl2json's JSON form of HCL: blocks become objects of arrays, expressions `${…}` strings. */
export type HclBody = Record<string, unknown>;

/** One Terraform module directory: its `.tf` files merged, and its `.tfvars` files. */
export interface TerraformDirectory {
  /** Absolute path. */
  dir: string;
  /** Path from the tree's root, with `/` separators (`modules/sqs`, `envs/prod`). */
  name: string;
  config: HclBody;
  tfvars: HclBody;
  /** Every `.tf`/`.tfvars`/`.hcl` file's text, by file name, for checks that read raw text. */
  files: Record<string, string>;
  /** `tests/*.tftest.hcl`, which `terraform test` runs. */
  testFiles: string[];
}

export interface TerraformTree {
  root: string;
  directories: TerraformDirectory[];
}

/** Parses every directory under `root` that holds `.tf` files (skipping `.terraform`). */
export async function loadTerraformTree(root: string): Promise<TerraformTree> {
  const directories: TerraformDirectory[] = [];
  for (const dir of walkDirectories(root)) {
    const fileNames = readdirSync(dir).filter((file) => /\.(tf|tfvars|hcl)$/.test(file));
    if (!fileNames.some((file) => file.endsWith(".tf"))) continue;
    const config: HclBody = {};
    const tfvars: HclBody = {};
    const files: Record<string, string> = {};
    for (const file of fileNames.sort()) {
      const text = readFileSync(path.join(dir, file), "utf8");
      files[file] = text;
      const parsed = await parseHcl(path.join(dir, file), text);
      if (file.endsWith(".tf")) mergeBlocks(config, parsed);
      else if (file.endsWith(".tfvars")) Object.assign(tfvars, parsed);
    }
    directories.push({
      dir,
      name: path.relative(root, dir).split(path.sep).join("/"),
      config,
      tfvars,
      files,
      testFiles: existsSync(path.join(dir, "tests"))
        ? readdirSync(path.join(dir, "tests")).filter((file) => file.endsWith(".tftest.hcl"))
        : [],
    });
  }
  return { root, directories };
}

async function parseHcl(file: string, text: string): Promise<HclBody> {
  try {
    return await parse(file, text);
  } catch (error) {
    throw new Error(`${file} is not valid HCL: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function* walkDirectories(dir: string): Generator<string> {
  yield dir;
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith(".")) continue;
    const child = path.join(dir, entry);
    if (statSync(child).isDirectory()) yield* walkDirectories(child);
  }
}

/** Terraform merges a directory's files: block maps are combined, never replaced. */
function mergeBlocks(into: HclBody, from: HclBody): void {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (isObject(existing) && isObject(value)) mergeBlocks(existing, value);
    else if (Array.isArray(existing) && Array.isArray(value)) existing.push(...value);
    else into[key] = value;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `name → body` for each block of a two-label kind (`resource "aws_sqs_queue" "x"`). */
export function blocksOfType(config: HclBody, kind: "resource" | "data", type: string): Map<string, HclBody> {
  const byName = new Map<string, HclBody>();
  const ofKind = config[kind];
  if (!isObject(ofKind)) return byName;
  const ofType = ofKind[type];
  if (!isObject(ofType)) return byName;
  for (const [name, bodies] of Object.entries(ofType)) {
    if (Array.isArray(bodies) && isObject(bodies[0])) byName.set(name, bodies[0]);
  }
  return byName;
}

/** `name → body` for each block of a one-label kind (`module "x"`, `variable "x"`). */
export function namedBlocks(config: HclBody, kind: "module" | "variable" | "output"): Map<string, HclBody> {
  const byName = new Map<string, HclBody>();
  const blocks = config[kind];
  if (!isObject(blocks)) return byName;
  for (const [name, bodies] of Object.entries(blocks)) {
    if (Array.isArray(bodies) && isObject(bodies[0])) byName.set(name, bodies[0]);
  }
  return byName;
}

export function resolveModuleSource(directory: TerraformDirectory, source: string): string | undefined {
  if (!source.startsWith("./") && !source.startsWith("../")) return undefined;
  const target = path.resolve(directory.dir, source);
  return existsSync(target) ? target : undefined;
}
