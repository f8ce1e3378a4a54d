import { describe, expect, it } from "vitest";
import { counter, metricsAuthorized, Registry, tallyCounter } from "../src/metrics";

describe("metrics", () => {
  it("sums the tallies of every source at scrape time", async () => {
    const registry = new Registry();
    const tallies = [{ stored: 3 }, { stored: 4 }];
    const stored = tallyCounter({ name: "things_stored_total", help: "Things stored." }, registry);
    for (const tally of tallies) stored.add(() => [[{}, tally.stored]]);
    expect(await registry.metrics()).toContain("things_stored_total 7");
    tallies[0] = { stored: 10 };
    (tallies[1] as { stored: number }).stored = 5;
    expect(await registry.metrics()).toContain("things_stored_total 8");
  });

  it("gives a second caller the metric already registered under the name", () => {
    const registry = new Registry();
    const first = counter({ name: "calls_total", help: "Calls." }, registry);
    expect(counter({ name: "calls_total", help: "Calls." }, registry)).toBe(first);
  });

  it("asks for the bearer token only when one is configured", () => {
    expect(metricsAuthorized(null, undefined)).toBe(true);
    expect(metricsAuthorized(null, "s3cret")).toBe(false);
    expect(metricsAuthorized("Bearer wrong!", "s3cret")).toBe(false);
    expect(metricsAuthorized("Bearer s3cret", "s3cret")).toBe(true);
  });
});
