import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { readDockerfile, type Stage } from "./dockerfile";

/**
 * The build context as `docker build .` would send it: the repository without what
 * `.dockerignore` names. Its patterns are read as this repository writes them (`**\/name` or
 * `name`, a trailing `*` allowed), matched against each path's last segment.
 */
export function copyBuildContext(repoRoot: string, contextDir: string): void {
  const patterns = readFileSync(path.join(repoRoot, ".dockerignore"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => line.replace(/^\*\*\//, ""));
  const ignored = (name: string) =>
    patterns.some((pattern) =>
      pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern,
    );
  cpSync(repoRoot, contextDir, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => source === repoRoot || !ignored(path.basename(source)),
  });
}

/** Where a path of a build stage lives here: under the directory its `COPY . .` filled. */
function inBuildStage(stage: Stage, contextDir: string, stagePath: string): string {
  const root = stage.copies.find((copy) => !copy.from && copy.sources[0] === ".")?.workdir;
  if (!root) throw new Error(`stage ${stage.name} has no COPY . . to map its paths onto the context`);
  const relative = path.posix.relative(root, path.posix.resolve(root, stagePath));
  if (relative.startsWith("..")) throw new Error(`${stagePath} is outside ${root} in stage ${stage.name}`);
  return path.join(contextDir, relative);
}

export interface LaidOutImage {
  runtime: Stage;
  /** The runtime stage's WORKDIR, where CMD runs. */
  workdir: string;
}

/**
 * Runs a Dockerfile's build steps without a Docker engine: every RUN of the stages that build
 * from the context (`COPY . .`), in the context copy (the base stages' RUNs provision the
 * image, e.g. pnpm, which this machine has), then the final stage's COPYs into `imageDir`,
 * which stands for the image's file system root. A runtime stage that RUNs is refused: its
 * effect could not be reproduced here.
 */
export function layOutImage(dockerfile: string, contextDir: string, imageDir: string): LaidOutImage {
  const stages = readDockerfile(readFileSync(dockerfile, "utf8"));
  const runtime = stages.at(-1);
  if (!runtime) throw new Error(`${dockerfile} has no stage`);
  if (runtime.runs.length > 0) throw new Error(`the runtime stage of ${dockerfile} runs commands`);
  const stageNamed = (name: string) => {
    const stage = stages.find((candidate) => candidate.name === name);
    if (!stage) throw new Error(`${dockerfile} copies from an unknown stage ${name}`);
    return stage;
  };
  for (const stage of stages) {
    if (!stage.copies.some((copy) => !copy.from && copy.sources[0] === ".")) continue;
    for (const run of stage.runs) {
      execFileSync("bash", ["-ec", run.command], {
        cwd: inBuildStage(stage, contextDir, run.workdir),
        stdio: ["ignore", "inherit", "inherit"],
        env: { ...process.env, CI: "1" },
      });
    }
  }
  const inImage = (imagePath: string) => path.join(imageDir, path.posix.resolve(runtime.workdir, imagePath));
  for (const copy of runtime.copies) {
    if (!copy.from) throw new Error(`the runtime stage of ${dockerfile} copies from the context`);
    const stage = stageNamed(copy.from);
    for (const source of copy.sources) {
      const from = inBuildStage(stage, contextDir, path.posix.resolve(copy.workdir, source));
      const to = path.join(imageDir, path.posix.resolve(copy.workdir, copy.destination));
      // As COPY does: a directory's contents into the destination, a file to it.
      mkdirSync(statSync(from).isDirectory() ? to : path.dirname(to), { recursive: true });
      execFileSync("cp", ["-a", statSync(from).isDirectory() ? `${from}/.` : from, to]);
    }
  }
  return { runtime, workdir: inImage(".") };
}
