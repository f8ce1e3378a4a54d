import path from "node:path";
import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";
import { productionDependencyClosure } from "../src/production-closure";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const workerApp = path.join(repoRoot, "apps/ingest");
/** Only for development and tests: the SQS emulator, the AWS SDK's SQS client and the embedded stack's parts. */
const devOnly = ["fauxqs", "@aws-sdk/client-sqs", "aedes", "@revolv/stack"];
/** The embedded engines, loaded only when no server is configured: never in production. */
const embeddedEngines = ["chdb", "@chdb/lib-linux-x64-gnu", "@electric-sql/pglite"];
const packageOf = (specifier: string) =>
  specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : (specifier.split("/")[0] ?? "");

/**
 * Follows every import an entry makes, as Node would load it at start. Returns the packages it
 * reaches through static imports (loaded at start), and those only a dynamic `import()` reaches
 * (loaded when a branch chooses them). Native addons and `next` are left to Node.
 */
async function loadedAtStart(entry: string): Promise<{ files: string[]; lazily: Set<string> }> {
  const lazily = new Set<string>();
  const watch: Plugin = {
    name: "watch-dev-only",
    setup(bundle) {
      bundle.onResolve({ filter: /.*/ }, (args) => {
        const name = packageOf(args.path);
        if (![...devOnly, ...embeddedEngines].includes(name)) return undefined;
        if (args.kind === "dynamic-import") {
          lazily.add(name);
          return { path: args.path, external: true };
        }
        return undefined;
      });
    },
  };
  const { metafile } = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    target: "node22",
    logLevel: "silent",
    external: ["next", "@node-rs/argon2", "pg-native", "bufferutil", "utf-8-validate"],
    plugins: [watch],
  });
  return { files: Object.keys(metafile.inputs), lazily };
}

const filesOf = (files: string[], names: string[]) =>
  files.filter((file) =>
    names.some(
      (name) =>
        file.includes(`node_modules/${name}/`) || file.includes(`/${name.replace("@revolv/", "packages/")}/`),
    ),
  );

describe("the production ingest worker (apps/ingest + @revolv/ingest)", () => {
  it("declares no dev-only package or embedded engine in its production dependency closure", () => {
    const closure = productionDependencyClosure(workerApp);
    // The walk reaches what the worker does need, through the workspace packages.
    expect(closure).toContain("@revolv/ingest");
    expect(closure).toContain("undici");
    expect(closure).toContain("@clickhouse/client");
    expect([...devOnly, ...embeddedEngines].filter((name) => closure.has(name))).toEqual([]);
  });

  it("loads no dev-only package or embedded engine at start: the bundle of src/main.ts holds none of their files", async () => {
    const { files } = await loadedAtStart(path.join(workerApp, "src/main.ts"));
    expect(files.some((file) => file.includes("packages/ingest/src/worker.ts"))).toBe(true);
    expect(filesOf(files, [...devOnly, ...embeddedEngines])).toEqual([]);
  });
});

describe("the production web server (apps/web/server.ts as the image runs it)", () => {
  it("reaches the embedded stack only through a dynamic import, and no engine or dev-only package at start", async () => {
    const { files, lazily } = await loadedAtStart(path.join(repoRoot, "apps/web/server.ts"));
    expect(files.some((file) => file.includes("apps/web/src/server/production-services.ts"))).toBe(true);
    expect(filesOf(files, [...devOnly, ...embeddedEngines])).toEqual([]);
    expect([...lazily]).toEqual(["@revolv/stack"]);
  });
});
