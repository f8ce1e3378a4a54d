import { defineConfig } from "vitest/config";

/**
 * Shared Vitest settings. Tests that open chDB or PGlite run in forked processes
 * because chDB binds one data directory per process and aborts if two sessions race.
 *
 * One file at a time per package: `pnpm test` already runs two packages at once (turbo
 * `--concurrency`), and on the two-core machines CI runs on, more parallel engines only made
 * every test slower until some timed out. Each package also writes a JSON report that the
 * test runner's summary reads (tooling/test-runner).
 */
export const revolvVitestPreset = defineConfig({
  test: {
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: ".test-results/vitest.json" },
  },
});

export default revolvVitestPreset;
