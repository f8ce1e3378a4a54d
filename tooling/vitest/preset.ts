import { defineConfig } from "vitest/config";

/**
 * Shared Vitest settings. Tests that open chDB or PGlite run in forked processes
 * because chDB binds one data directory per process and aborts if two sessions race.
 */
export const revolvVitestPreset = defineConfig({
  test: {
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});

export default revolvVitestPreset;
