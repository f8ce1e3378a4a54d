import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  alertRules,
  dashboardQueries,
  findPromtool,
  headingAnchors,
  metricNamesIn,
  promtool,
  repoRoot,
  ruleQueries,
  rulesFiles,
} from "../src/index";

// promtool is Debian's (.ci/run installs the `prometheus` package). Outside CI a machine without it
// skips these checks and says so; in CI its absence fails them.
const binary = await findPromtool();
if (!binary && !process.env.CI)
  console.log("promtool checks skipped: promtool is not installed (apt-get install prometheus)");

describe.skipIf(!binary && !process.env.CI)("Prometheus rules and scrape config (promtool)", () => {
  const tool = () => {
    if (!binary)
      throw new Error(
        "promtool is not installed; CI needs Debian's prometheus package (.ci/run installs it)",
      );
    return binary;
  };

  it("checks the alert rules", async () => {
    const output = await promtool(tool(), ["check", "rules", ...rulesFiles()]);
    expect(output).toMatch(/SUCCESS: \d+ rules found/);
  });

  it("passes the unit tests of every alert", async () => {
    const output = await promtool(tool(), ["test", "rules", "tests/revolv.test.yml"]);
    expect(output).toContain("SUCCESS");
  });

  it("has a unit test for every alert", () => {
    const tests = readFileSync(path.join(repoRoot, "infra/prometheus/tests/revolv.test.yml"), "utf8");
    for (const rule of alertRules())
      expect(tests, rule.alert).toMatch(new RegExp(`alertname: ${rule.alert}\\b`));
  });

  it("checks the scrape configuration", async () => {
    // The token file exists only on a Prometheus host; promtool checks the rest.
    const output = await promtool(tool(), ["check", "config", "--syntax-only", "prometheus.yml"]);
    expect(output).toContain("SUCCESS");
  });
});

describe("dashboards and rules", () => {
  it("parse as PromQL and select at least one metric each", () => {
    for (const { where, expr } of [...dashboardQueries(), ...ruleQueries()])
      expect(metricNamesIn(expr).length, where).toBeGreaterThan(0);
  });

  it("refuse PromQL that does not parse", () => {
    expect(() => metricNamesIn("sum(rate(x_total[5m])")).toThrow(/does not parse/);
  });

  it("link every alert to a runbook section of docs/operations.md", () => {
    const anchors = headingAnchors(readFileSync(path.join(repoRoot, "docs/operations.md"), "utf8"));
    for (const rule of alertRules()) {
      const link = rule.annotations?.runbook_url ?? "";
      expect(link, rule.alert).toMatch(/^docs\/operations\.md#/);
      expect(anchors, `${rule.alert} → ${link}`).toContain(link.split("#")[1]);
    }
  });
});
