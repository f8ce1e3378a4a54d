import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Debian's shellcheck, or undefined when it is not installed. */
export async function findShellcheck(): Promise<string | undefined> {
  try {
    await run("shellcheck", ["--version"]);
    return "shellcheck";
  } catch {
    return undefined;
  }
}

/**
 * shellcheck's findings for a script, one `line:column: level: message (SCnnnn)` per line.
 * A `run:` step is a bash script whatever its first line says; `-s bash` says so.
 */
export async function shellcheck(
  script: string,
  options: { shell?: string; cwd?: string } = {},
): Promise<string[]> {
  const child = execFile("shellcheck", ["--shell", options.shell ?? "bash", "--format", "gcc", "-"], {
    cwd: options.cwd,
  });
  child.stdin?.end(script);
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  const findings = output
    .split("\n")
    .filter(Boolean)
    .map((line) => line.replace(/^-:/, ""));
  if (code !== 0 && findings.length === 0) throw new Error(`shellcheck exited ${code} without findings`);
  return findings;
}
