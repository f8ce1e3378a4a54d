import { postgresMissing } from "@revolv/postgres-server";
import { describe, expect, it } from "vitest";
import { runChaos } from "./chaos";

const missing = postgresMissing("the chaos test");

/**
 * The worker as its own process on chDB, SIGKILLed 16 times while messages arrive — at random
 * moments and right as an INSERT starts — with fauxqs in a process of its own, then drained.
 * `pnpm chaos:ingest` runs the same thing longer. Most of its time is worker start-ups: the
 * worker is bundled once (test/worker-bundle.ts) and each one loads while the previous one
 * still runs (test/worker-standby.ts); about a minute on the shared 2-core machine.
 */
describe.skipIf(missing)("the worker SIGKILLed again and again, mid-insert included", () => {
  it("stores every message exactly once and every rollup agrees with the raw rows", async () => {
    // Sent over about a minute, so the kills meet live traffic as well as redeliveries.
    const result = await runChaos({ messages: 2_000, kills: 16, rate: 40 });
    expect(result.kills.random + result.kills.atInsert).toBe(16);
    expect(result.kills.atInsert).toBeGreaterThan(0);
    expect({
      stored: result.stored,
      lost: result.lost,
      duplicated: result.duplicated,
      rawRows: result.rawRows,
      deadLettered: result.deadLettered,
      rollupMismatches: result.rollupMismatches,
    }).toEqual({
      stored: result.sent,
      lost: 0,
      duplicated: 0,
      rawRows: result.expectedRows,
      deadLettered: 0,
      rollupMismatches: Object.fromEntries(Object.keys(result.rollupMismatches).map((name) => [name, 0])),
    });
    // A cap for a hung run, not a speed check: the run itself is about a minute of traffic
    // plus 16 worker start-ups, which take minutes when the machine is busy.
  }, 420_000);
});
