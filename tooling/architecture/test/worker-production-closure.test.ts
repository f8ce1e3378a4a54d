import { createRequire } from "node:module";
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { productionDependencyClosure } from "../src/production-closure";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const workerApp = path.join(repoRoot, "apps/ingest");
/** Only for development and tests: the SQS emulator and the AWS SDK's SQS client. */
const devOnly = ["fauxqs", "@aws-sdk/client-sqs"];

describe("the production ingest worker (apps/ingest + @revolv/ingest)", () => {
  it("declares no dev-only SQS package anywhere in its production dependency closure", () => {
    const closure = productionDependencyClosure(workerApp);
    // The walk reaches what the worker does need, through the workspace packages.
    expect(closure).toContain("@revolv/ingest");
    expect(closure).toContain("undici");
    expect(closure).toContain("chdb");
    expect(devOnly.filter((name) => closure.has(name))).toEqual([]);
  });

  it("loads no dev-only SQS package: the bundle of src/main.ts holds none of their files", async () => {
    // Bundling follows every import main.ts makes, as Node would load them at start.
    const telemetryRequire = createRequire(path.join(repoRoot, "packages/telemetry/package.json"));
    const { metafile } = await build({
      entryPoints: [path.join(workerApp, "src/main.ts")],
      bundle: true,
      write: false,
      metafile: true,
      platform: "node",
      format: "esm",
      target: "node22",
      logLevel: "silent",
      plugins: [
        {
          name: "native-chdb",
          setup(bundle) {
            bundle.onResolve({ filter: /^chdb(\/|$)/ }, (args) => ({
              path: telemetryRequire.resolve(args.path),
              external: true,
            }));
          },
        },
      ],
    });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.some((file) => file.includes("packages/ingest/src/worker.ts"))).toBe(true);
    expect(inputs.filter((file) => devOnly.some((name) => file.includes(`node_modules/${name}/`)))).toEqual(
      [],
    );
  });
});
