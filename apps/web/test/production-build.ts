import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isAlive, spawnOwned } from "@revolv/owned-process";
import { precompressAssets } from "../src/server/brotli-assets/precompress";

const appDir = path.resolve(import.meta.dirname, "..");

/**
 * `next build` into a dist dir of the test's own: browser tests run against the production
 * build, since dev mode compiles each route on its first hit (slow and flaky on two cores).
 * Building needs no engines (next.config.ts only asserts server.ts when serving).
 */
export async function buildApp(distDir: string): Promise<void> {
  const dist = path.join(appDir, distDir);
  if (buildIsCurrent(dist)) return;
  // Browser test files run in parallel and share one build: the first builds, the rest wait.
  const release = await acquireBuildLock(`${dist}.lock`);
  try {
    if (!buildIsCurrent(dist)) {
      await runNextBuild(distDir);
      // What `pnpm build` does after next build: the server answers with these.
      await precompressAssets(dist);
    }
  } finally {
    release();
  }
}

/**
 * A directory as the lock (mkdir is atomic), holding the builder's pid so a lock left by a
 * killed run is taken over instead of waited on.
 */
async function acquireBuildLock(lockDir: string, timeoutMs = 20 * 60_000): Promise<() => void> {
  const owner = path.join(lockDir, "pid");
  const deadline = Date.now() + timeoutMs;
  mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(owner, String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(owner);
    const abandoned = Number.isFinite(holder)
      ? !isAlive(holder)
      : existsSync(lockDir) && Date.now() - statSync(lockDir).mtimeMs > 60_000;
    if (abandoned) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lockDir}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The pid in the lock, or NaN while the holder has not written it yet (or just let go). */
function readHolder(owner: string): number {
  try {
    return Number.parseInt(readFileSync(owner, "utf8"), 10);
  } catch {
    return Number.NaN;
  }
}

async function runNextBuild(distDir: string): Promise<void> {
  const child = spawnOwned(path.join(appDir, "node_modules/.bin/next"), ["build"], {
    cwd: appDir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: distDir,
      // `pnpm test` type-checks the app with tsc already (next.config.ts).
      REVOLV_BUILD_WITHOUT_TYPECHECK: "1",
      ...(process.env.CI ? { CI: process.env.CI } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output}`);
}

/** The newest modification time under `dir` (skipping dependencies and build output). */
function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * "Build once": a build newer than every source it is made of is reused, so re-running the
 * file after a test-only change skips minutes of `next build`.
 */
function buildIsCurrent(dist: string): boolean {
  const buildId = path.join(dist, "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const sources = [path.join(appDir, "src"), path.join(appDir, "../../packages")];
  const newest = Math.max(
    statSync(path.join(appDir, "next.config.ts")).mtimeMs,
    ...sources.map(newestChange),
  );
  return statSync(buildId).mtimeMs > newest;
}
