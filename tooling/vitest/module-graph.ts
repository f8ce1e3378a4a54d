import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Imports `specifier` in a fresh Node process (resolved from `cwd`, through tsx) and answers the
 * URL of every module it loaded: the real module graph, not what a bundler would tree-shake.
 */
export async function modulesLoadedBy(specifier: string, cwd: string): Promise<string[]> {
  const probe = `
    import { registerHooks } from "node:module";
    const seen = [];
    registerHooks({ resolve(spec, context, next) { const r = next(spec, context); seen.push(r.url); return r; } });
    await import(${JSON.stringify(specifier)});
    process.stdout.write(JSON.stringify(seen));
  `;
  const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", probe], {
    cwd,
  });
  return JSON.parse(stdout) as string[];
}

/** Which of these npm packages are among the loaded module URLs. */
export const packagesAmong = (urls: string[], packages: readonly string[]) =>
  packages.filter((name) => urls.some((url) => url.includes(`/node_modules/${name}/`)));

/** The database drivers `@revolv/db/client` opens; nothing that only needs a table should load them. */
export const databaseDrivers = ["@electric-sql/pglite", "pg", "@neondatabase/serverless"] as const;
