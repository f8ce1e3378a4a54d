import { createRequire } from "node:module";
import path from "node:path";
import { spawnOwned } from "@revolv/owned-process";
import { describe, expect, it } from "vitest";

const appDir = path.resolve(import.meta.dirname, "..");
const nextBin = createRequire(path.join(appDir, "package.json")).resolve("next/dist/bin/next");

/** Runs the Next.js CLI in apps/web, as someone would who skipped server.ts, until it exits. */
async function runNext(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawnOwned(process.execPath, [nextBin, ...args], {
    cwd: appDir,
    env: {
      NODE_ENV: "development",
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NEXT_TELEMETRY_DISABLED: "1",
      // Its own build directory, beside a developer's `pnpm dev` and the other tests' servers.
      NEXT_DIST_DIR: `.next-without-server-${process.pid}`,
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
  return { code, output };
}

describe("the web app started without server.ts", () => {
  it("`next dev` stops at once and says to run `pnpm dev`", async () => {
    const { code, output } = await runNext(["dev", "--port", "0"]);
    expect(code).not.toBe(0);
    expect(output).toContain("apps/web must be started through server.ts");
    expect(output).toContain("Run `pnpm dev`");
  });
});
