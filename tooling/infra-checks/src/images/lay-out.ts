import { execFileSync, spawn } from "node:child_process";
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

/** A build step may take this long before it counts as hung (a `next build` on two loaded cores takes minutes). */
const stepDeadlineMs = 12 * 60_000;

/**
 * One RUN, asynchronously and in a process group of its own: a synchronous child would block
 * the test runner's event loop, so no timeout could end a step that hangs. On its deadline the
 * whole group (bash and what it started) is killed and the step fails, naming itself.
 */
async function runStep(command: string, cwd: string, deadlineMs = stepDeadlineMs): Promise<void> {
  const started = Date.now();
  const child = spawn("bash", ["-ec", command], {
    cwd,
    stdio: ["ignore", "inherit", "inherit"],
    // `pnpm test` type-checks the web app with tsc already; the build need not again (next.config.ts).
    env: { ...process.env, CI: "1", REVOLV_BUILD_WITHOUT_TYPECHECK: "1" },
    detached: true,
  });
  const killGroup = () => {
    try {
      process.kill(-(child.pid as number), "SIGKILL");
    } catch {
      // already gone
    }
  };
  // The test process may end first (a hook's timeout): the step goes with it.
  process.once("exit", killGroup);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, deadlineMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (exitCode) => resolve(exitCode));
  }).finally(() => {
    clearTimeout(timer);
    process.off("exit", killGroup);
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (timedOut) throw new Error(`RUN ${command} did not finish within ${deadlineMs / 1000} s`);
  if (code !== 0) throw new Error(`RUN ${command} exited with ${code} after ${seconds} s`);
  console.log(`[images] RUN ${command.slice(0, 80)} took ${seconds} s`);
}

/**
 * Runs a Dockerfile's build steps without a Docker engine: every RUN of the stages that build
 * from the context (`COPY . .`), in the context copy (the base stages' RUNs provision the
 * image, e.g. pnpm, which this machine has), then the final stage's COPYs into `imageDir`,
 * which stands for the image's file system root. A runtime stage that RUNs is refused: its
 * effect could not be reproduced here.
 */
export async function layOutImage(
  dockerfile: string,
  contextDir: string,
  imageDir: string,
): Promise<LaidOutImage> {
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
      await runStep(run.command, inBuildStage(stage, contextDir, run.workdir));
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
