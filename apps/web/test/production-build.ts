import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { spawnOwned } from "@revolv/owned-process";

const appDir = path.resolve(import.meta.dirname, "..");

/**
 * `next build` into a dist dir of the test's own: browser tests run against the production
 * build, since dev mode compiles each route on its first hit (slow and flaky on two cores).
 * Building needs no engines (next.config.ts only asserts server.ts when serving).
 */
export async function buildApp(distDir: string): Promise<void> {
  if (buildIsCurrent(path.join(appDir, distDir))) return;
  const child = spawnOwned(path.join(appDir, "node_modules/.bin/next"), ["build"], {
    cwd: appDir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: distDir,
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
