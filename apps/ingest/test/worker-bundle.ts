import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { build } from "esbuild";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
/** chDB is a native addon: it stays a package, imported by its absolute path. */
const telemetryRequire = createRequire(path.join(repoRoot, "packages/telemetry/package.json"));

/**
 * Bundles test/worker-standby.ts (the standalone worker, src/main.ts, behind a start signal)
 * into one file for plain `node`. The chaos run starts a worker process 17 times; through tsx
 * each start spends about 4 s of CPU resolving and transforming modules, bundled about 0.7 s.
 * Each file keeps its own `import.meta.dirname` (the ClickHouse migrations are found by it).
 */
export async function bundleWorker(outfile: string): Promise<string> {
  await build({
    entryPoints: [path.join(import.meta.dirname, "worker-standby.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    logLevel: "warning",
    // Dependencies written in CommonJS call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as revolvRequire } from 'node:module'; const require = revolvRequire(import.meta.url);",
    },
    plugins: [
      {
        name: "revolv-worker",
        setup(bundle) {
          bundle.onResolve({ filter: /^chdb(\/|$)/ }, (args) => ({
            path: telemetryRequire.resolve(args.path),
            external: true,
          }));
          bundle.onLoad({ filter: /\.ts$/ }, async (args) => ({
            contents: (await readFile(args.path, "utf8")).replaceAll(
              "import.meta.dirname",
              JSON.stringify(path.dirname(args.path)),
            ),
            loader: "ts",
          }));
        },
      },
    ],
  });
  return outfile;
}
