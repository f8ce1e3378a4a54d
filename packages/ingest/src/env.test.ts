import { describe, expect, it } from "vitest";
import { ingestTuningEnvSchema, ingestTuningFrom } from "./env";

describe("the worker's connectivity settings", () => {
  it("defaults each type's inactivity timeout to 3× its reporting interval, and takes overrides per type", () => {
    expect(ingestTuningFrom(ingestTuningEnvSchema.parse({})).inactivityTimeouts).toEqual({
      rvm: 180,
      soundbox: 90,
    });
    const tuned = ingestTuningFrom(
      ingestTuningEnvSchema.parse({
        INGEST_INACTIVITY_TIMEOUTS: " rvm=30 ",
        INGEST_CONNECTIVITY_SWEEP_MS: "500",
      }),
    );
    expect(tuned).toMatchObject({ inactivityTimeouts: { rvm: 30, soundbox: 90 }, connectivitySweepMs: 500 });
  });

  it("refuses an unknown type or a timeout that is not a positive number, naming the entry", () => {
    for (const value of ["toaster=10", "rvm=0", "rvm", "rvm=soon"]) {
      const result = ingestTuningEnvSchema.safeParse({ INGEST_INACTIVITY_TIMEOUTS: value });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toContain(value);
    }
  });
});
