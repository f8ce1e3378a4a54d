import path from "node:path";
import { spawnOwned } from "@revolv/owned-process";

export const repoRoot = path.resolve(import.meta.dirname, "../../../..");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a TypeScript entry point as its own process, the way `pnpm db:backup` does
 * (`node --import tsx`), with only the given variables on top of PATH and HOME, and a
 * deadline whose error says what it waited for.
 */
export function runTs(
  script: string,
  args: string[],
  env: Record<string, string>,
  what: string,
): Promise<CliResult> {
  const child = spawnOwned(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PG_BIN_DIR: process.env.PG_BIN_DIR ?? "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${what} did not finish within 240 s\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, 240_000);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr });
    });
  });
}

export const backupCli = path.join(repoRoot, "packages/backup/src/cli/backup.ts");
export const restoreCli = path.join(repoRoot, "packages/backup/src/cli/restore.ts");
export const fillScript = path.join(repoRoot, "packages/backup/test/fixtures/fill.ts");
