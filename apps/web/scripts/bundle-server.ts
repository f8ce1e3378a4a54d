/**
 * `pnpm build` step after `next build`: bundles server.ts into `dist/server.mjs`, which the
 * image runs beside Next's standalone output (apps/web/Dockerfile). The workspace packages
 * (TypeScript source) and their pure-JS dependencies go into the bundle. What stays external is
 * either in the standalone output (Next traces `next` and the native argon2, which route
 * handlers use too; it is linked where the bundle resolves it, `apps/web/node_modules`), or
 * reached only in embedded mode, which the image never runs.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { build } from "esbuild";

const appDir = path.resolve(import.meta.dirname, "..");
const repoRoot = path.resolve(appDir, "../..");
const standaloneDir = path.join(appDir, process.env.NEXT_DIST_DIR || ".next", "standalone");

/** Packages the bundle imports at start, found in the standalone output: [name, a workspace package that depends on it]. */
const fromStandalone: [string, string][] = [
  ["next", "apps/web"],
  ["@node-rs/argon2", "packages/auth"],
];

await build({
  entryPoints: [path.join(appDir, "server.ts")],
  outfile: path.join(appDir, "dist/server.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  logLevel: "warning",
  // CommonJS dependencies (pg) call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  external: [
    ...fromStandalone.map(([name]) => name),
    // Embedded mode only: a dynamic import behind the configuration switch.
    "@revolv/stack",
    // Optional native bindings of pg and ws.
    "pg-native",
    "bufferutil",
    "utf-8-validate",
  ],
});

/** The directory of `name` as `fromPackage` resolves it (pnpm's real path in the store). */
function packageDirectory(name: string, fromPackage: string): string {
  const require = createRequire(path.join(repoRoot, fromPackage, "package.json"));
  let dir = path.dirname(require.resolve(name));
  while (!existsSync(path.join(dir, "package.json")) || readPackageName(dir) !== name) {
    if (path.dirname(dir) === dir) throw new Error(`no package directory for ${name}`);
    dir = path.dirname(dir);
  }
  return realpathSync(dir);
}
const readPackageName = (dir: string) =>
  (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string }).name;

for (const [name, fromPackage] of fromStandalone) {
  const traced = path.join(standaloneDir, path.relative(repoRoot, packageDirectory(name, fromPackage)));
  if (!existsSync(traced)) throw new Error(`${name} is not in Next's standalone output (${traced})`);
  const link = path.join(standaloneDir, "apps/web/node_modules", name);
  mkdirSync(path.dirname(link), { recursive: true });
  rmSync(link, { force: true });
  symlinkSync(path.relative(path.dirname(link), traced), link);
}
console.log("bundled dist/server.mjs; linked its external packages into the standalone output");
